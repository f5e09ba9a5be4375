/** Every recorded change in the shop, newest first, narrowed by person, action, client and dates, and exportable. */
import { useState } from 'react';
import { Autocomplete, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { AuditTable } from '../../components/AuditTable';
import { downloadText } from '../../download';
import { calendarDay } from '../../format';
import { useChannelMutation, useStaffList } from '../../queries';
import { AuditClientPicker } from './AuditClientPicker';
import { ACTION_FAMILIES, EMPTY_AUDIT_FILTER, toAuditFilter, type AuditFilterValues } from './auditFilter';

export function AuditLog({ canListStaff }: { canListStaff: boolean }) {
  const [values, setValues] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTER);
  const [debounced] = useDebouncedValue(values, 300);
  const filter = toAuditFilter(debounced);
  const staff = useStaffList(canListStaff);
  const exporter = useChannelMutation('audit-export');
  const set = (patch: Partial<AuditFilterValues>) => setValues((v) => ({ ...v, ...patch }));

  const onExport = () =>
    exporter.mutate(toAuditFilter(values), {
      onSuccess: ({ filename, csv, rows }) => {
        downloadText(filename, csv, 'text/csv;charset=utf-8');
        notifications.show({ color: 'teal', message: `Exported ${rows} ${rows === 1 ? 'row' : 'rows'} to ${filename}.` });
      },
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Audit log</Title>
          <Text c="dimmed" size="sm">
            Who changed what, and when. Newest first.
          </Text>
        </div>
        <Button variant="default" onClick={onExport} loading={exporter.isPending}>
          Export CSV
        </Button>
      </Group>
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter the audit log">
        {canListStaff && (
          <Select
            label="Staff member"
            description="Who did it"
            placeholder="Anyone"
            clearable
            searchable
            data={(staff.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            value={values.actorId}
            onChange={(actorId) => set({ actorId })}
            w={200}
          />
        )}
        <Autocomplete
          label="Action"
          description="A family, or an exact action"
          placeholder="Any action"
          data={ACTION_FAMILIES}
          value={values.action}
          onChange={(action) => set({ action })}
          maxLength={60}
          w={200}
        />
        <AuditClientPicker value={values.client} onChange={(client) => set({ client })} />
        <DatePickerInput
          type="range"
          label="Dates"
          description="From the first day to the last, inclusive"
          placeholder="Any date"
          clearable
          allowSingleDateInRange
          value={values.range}
          onChange={(range) => set({ range: [calendarDay(range[0]), calendarDay(range[1])] })}
          w={260}
        />
        <Button variant="subtle" onClick={() => setValues(EMPTY_AUDIT_FILTER)}>
          Clear filters
        </Button>
      </Group>
      <AuditTable filter={filter} label="Audit log" />
    </Stack>
  );
}


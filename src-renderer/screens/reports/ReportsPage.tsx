/**
 * Reports (seed 004: "track how many convert"): new clients and how many of them are Existing
 * now, clients who became Existing, appointments completed and no-shows, by week or month,
 * per location or per associate; the clients who have lapsed; as a CSV file too. Every count
 * is within the person's own scope: the main process counts only what they may see.
 */
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import type { ClientReport, ReportGroupBy, ReportPeriod } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { CalendarFileExport } from '../../components/CalendarFileExport';
import { downloadText } from '../../download';
import { calendarDay, formatCalendarDate, formatNumber } from '../../format';
import { useCan } from '../../permissions';
import { useChannelMutation, useSettings } from '../../queries';
import { useReport } from '../../queries.reports';
import { addDays, shopToday } from '../../shopClock';

/** The first day of the month two months before `today`: a quarter up to today. */
const quarterStart = (today: string) => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const month = m - 2 < 1 ? m + 10 : m - 2;
  const year = m - 2 < 1 ? y - 1 : y;
  return `${year}-${String(month).padStart(2, '0')}-01`;
};

export function ReportsPage() {
  const can = useCan();
  const settings = useSettings(true);
  const tz = settings.data?.timeZone ?? null;
  const today = tz ? shopToday(tz) : null;
  const [range, setRange] = useState<[string | null, string | null] | null>(null);
  const [period, setPeriod] = useState<ReportPeriod>('month');
  const [groupBy, setGroupBy] = useState<ReportGroupBy>('location');
  const [lapsedDays, setLapsedDays] = useState<number | string>(90);
  const [from, to] = range ?? (today ? [quarterStart(today), today] : [null, null]);
  const days = typeof lapsedDays === 'number' && lapsedDays >= 1 ? lapsedDays : 90;
  const input = from && to ? { from, to, period, groupBy, lapsedDays: days } : null;
  const report = useReport(input);
  const exporter = useChannelMutation('report-export');

  const onExport = () => {
    if (!input) return;
    exporter.mutate(input, {
      onSuccess: ({ filename, csv, rows }) => {
        downloadText(filename, csv, 'text/csv;charset=utf-8');
        notifications.show({ color: 'teal', message: `Exported ${rows} ${rows === 1 ? 'row' : 'rows'} to ${filename}.` });
      },
    });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Reports</Title>
          <Text c="dimmed" size="sm">
            New clients, how many convert from Guest to Existing, appointments and lapsed clients — counted over the clients and appointments you can see.
          </Text>
        </div>
        {can('export') && (
          <Button variant="default" onClick={onExport} loading={exporter.isPending} disabled={!input}>
            Export CSV
          </Button>
        )}
      </Group>
      <Group align="flex-end" gap="sm" role="group" aria-label="Report settings">
        <DatePickerInput
          type="range"
          label="Days"
          description="Whole weeks or months covering these days"
          allowSingleDateInRange
          value={[from, to]}
          onChange={(r) => setRange([calendarDay(r[0]), calendarDay(r[1])])}
          w={260}
        />
        <SegmentedControl aria-label="By" value={period} onChange={(v) => setPeriod(v)} data={[{ value: 'week', label: 'Week' }, { value: 'month', label: 'Month' }]} />
        <SegmentedControl
          aria-label="Per"
          value={groupBy}
          onChange={(v) => setGroupBy(v)}
          data={[
            { value: 'location', label: 'Location' },
            { value: 'staff', label: 'Associate' },
          ]}
        />
        <NumberInput label="Lapsed after (days)" description="No visit for this long" min={1} max={3650} allowDecimal={false} allowNegative={false} value={lapsedDays} onChange={setLapsedDays} w={170} />
      </Group>
      {report.isError && (
        <Alert color="red" title="The report could not be made">
          {errorMessage(report.error)}
        </Alert>
      )}
      {report.data && <ReportTables report={report.data} />}
      {can('appointment.view') && can('export') && (
        <Paper withBorder p="md" component="section" aria-labelledby="reports-calendar-file">
          <Title order={3} size="h4" mb="sm" id="reports-calendar-file">
            Calendar file
          </Title>
          <CalendarFileExport initial={today ? { from: today, to: addDays(today, 27) } : undefined} />
        </Paper>
      )}
    </Stack>
  );
}

function ReportTables({ report }: { report: ClientReport }) {
  const spans = new Map(report.periods.map((p) => [p.label, p]));
  const groupLabel = report.groupBy === 'location' ? 'Location' : 'Associate';
  const when = (label: string) => {
    const p = spans.get(label);
    return p ? `${label} (${formatCalendarDate(p.from)} – ${formatCalendarDate(p.to)})` : label;
  };
  return (
    <Stack>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label="Report" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{report.period === 'week' ? 'Week' : 'Month'}</Table.Th>
              <Table.Th>{groupLabel}</Table.Th>
              <Table.Th ta="right">New clients</Table.Th>
              <Table.Th ta="right">Of them now Existing</Table.Th>
              <Table.Th ta="right">Became Existing</Table.Th>
              <Table.Th ta="right">Appointments completed</Table.Th>
              <Table.Th ta="right">No-shows</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed">Nothing to count in these days.</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {report.rows.map((r) => (
              <Table.Tr key={`${r.period}|${r.group.id ?? ''}`}>
                <Table.Td>{when(r.period)}</Table.Td>
                <Table.Td>{r.group.name}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.newClients)}</Table.Td>
                <Table.Td ta="right">
                  {formatNumber(r.newConverted)}
                  {r.newClients > 0 ? ` (${Math.round((100 * r.newConverted) / r.newClients)}%)` : ''}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(r.becameExisting)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.completed)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.noShows)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={3} size="h4">
        Lapsed clients
      </Title>
      {report.lapsed === null ? (
        <Text c="dimmed" size="sm">
          Your role does not see purchase history, which holds the last visit, so lapsed clients are not counted for you.
        </Text>
      ) : (
        <>
          <Text c="dimmed" size="sm">
            Clients with a visit, but none in the last {formatNumber(report.lapsed.days)} days (as of {formatCalendarDate(report.lapsed.asOf)}).
          </Text>
          <Table aria-label="Lapsed clients" maw={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{groupLabel}</Table.Th>
                <Table.Th ta="right">Lapsed clients</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.lapsed.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={2}>
                    <Text c="dimmed">None.</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {report.lapsed.rows.map((r) => (
                <Table.Tr key={r.group.id ?? 'none'}>
                  <Table.Td>{r.group.name}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

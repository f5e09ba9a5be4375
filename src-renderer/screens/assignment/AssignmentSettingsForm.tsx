/** The shop's assignment settings: who gets clients that arrive without staff, and where a returning client's work goes. */
import { useEffect, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Radio, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ShopSettings } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation, useSettings } from '../../queries';
import { useStaffChoices } from './useStaffChoices';

const NOBODY = 'none';

export function AssignmentSettingsForm() {
  const settings = useSettings(true);
  const staff = useStaffChoices();
  const [assignee, setAssignee] = useState<string>(NOBODY);
  const [routing, setRouting] = useState<ShopSettings['returningClientRouting']>('primary');
  const [error, setError] = useState<string | null>(null);
  const update = useChannelMutation('settings-update', { form: true, invalidate: [keys.settings] });

  useEffect(() => {
    if (!settings.data) return;
    setAssignee(settings.data.defaultAssigneeId === null ? NOBODY : String(settings.data.defaultAssigneeId));
    setRouting(settings.data.returningClientRouting);
  }, [settings.data]);

  if (settings.isPending || staff.isPending) {
    return (
      <Center p="md">
        <Loader aria-label="Loading assignment settings" />
      </Center>
    );
  }

  const current = settings.data?.defaultAssigneeId ?? null;
  // The current default assignee stays listed even if they have since been deactivated, so the form shows the truth.
  const options = [
    { value: NOBODY, label: 'Leave Unassigned' },
    ...staff.data.filter((s) => s.active || s.id === current).map((s) => ({ value: String(s.id), label: s.active ? s.name : `${s.name} (inactive)` })),
  ];

  const save = async () => {
    setError(null);
    try {
      await update.mutateAsync({ defaultAssigneeId: assignee === NOBODY ? null : Number(assignee), returningClientRouting: routing });
      notifications.show({ color: 'teal', message: 'Assignment settings saved.' });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Stack>
      {error && (
        <Alert color="red" title="Could not save the assignment settings">
          {error}
        </Alert>
      )}
      <Select
        label="Default assignee"
        description="Clients who arrive without a staff member (imports, bookings without staff) go to this person"
        data={options}
        value={assignee}
        onChange={(v) => setAssignee(v ?? NOBODY)}
        searchable
        allowDeselect={false}
        nothingFoundMessage="No staff member by that name"
      />
      <Radio.Group
        label="Returning-client routing"
        description="Where tasks and messages for a returning client go"
        value={routing}
        onChange={(v) => setRouting(v === 'last' ? 'last' : 'primary')}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="primary" label="Their primary staff member" />
          <Radio value="last" label="The last staff member the client worked with" />
        </Stack>
      </Radio.Group>
      <Group justify="flex-end">
        <Button onClick={save} loading={update.isPending}>
          Save assignment settings
        </Button>
      </Group>
    </Stack>
  );
}

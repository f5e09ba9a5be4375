/**
 * Today: the birthday and anniversary messages and call tasks routed to me (or, for those
 * who manage automations, to everyone), with what to say and why, and what I did with them.
 */
import { useState } from 'react';
import { Button, Center, EmptyState, Group, Loader, Modal, SegmentedControl, Stack, Switch, Title } from '@mantine/core';
import type { OutboxItem } from '../../../src-preload/contract';
import { useCan } from '../../permissions';
import { useChannelMutation } from '../../queries';
import { useOutbox } from '../../queries.relationships';
import { downloadText } from './download';
import { OutboxCard } from './OutboxCard';
import { SkipForm } from './SkipForm';
import { SnoozeForm } from './SnoozeForm';
import { TodayAppointments } from './TodayAppointments';

type Dialog = { kind: 'snooze' | 'skip'; item: OutboxItem } | null;

export function TodayPage({ onOpenClient }: { onOpenClient?: (id: number) => void } = {}) {
  const can = useCan();
  const [scope, setScope] = useState<'mine' | 'everyone'>('mine');
  const [showAll, setShowAll] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const exporter = useChannelMutation('outbox-export');
  const outbox = useOutbox(scope, showAll ? 'all' : 'open');
  const items = outbox.data ?? [];
  const close = () => setDialog(null);

  const exportCsv = () => exporter.mutate({ scope }, { onSuccess: ({ filename, csv }) => downloadText(filename, csv, 'text/csv;charset=utf-8') });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Today</Title>
        {can('export') && (
          <Button variant="default" onClick={exportCsv} loading={exporter.isPending}>
            Export CSV
          </Button>
        )}
      </Group>
      {can('appointment.view') && <TodayAppointments onOpenClient={onOpenClient} />}
      <Group gap="lg">
        {can('automation.manage') && (
          <SegmentedControl
            aria-label="Whose messages"
            value={scope}
            onChange={(v) => setScope(v)}
            data={[
              { value: 'mine', label: 'Mine' },
              { value: 'everyone', label: 'Everyone' },
            ]}
          />
        )}
        <Switch
          label="Show handled and skipped"
          checked={showAll}
          onChange={(e) => setShowAll(e.currentTarget.checked)}
        />
      </Group>
      {outbox.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading messages" />
        </Center>
      ) : items.length === 0 ? (
        <EmptyState
          title="Nothing to do today"
          description="Birthday and anniversary messages appear here on the day the shop’s automations say."
        />
      ) : (
        <Stack gap="sm" role="list" aria-label="Messages and call tasks">
          {items.map((item) => (
            <div role="listitem" key={item.id}>
              <OutboxCard
                item={item}
                showStaff={scope === 'everyone'}
                onSnooze={() => setDialog({ kind: 'snooze', item })}
                onSkip={() => setDialog({ kind: 'skip', item })}
              />
            </div>
          ))}
        </Stack>
      )}
      <Modal
        opened={dialog !== null}
        onClose={close}
        title={dialog ? `${dialog.kind === 'snooze' ? 'Snooze' : 'Skip'} message for ${dialog.item.recipient.name}` : ''}
      >
        {dialog?.kind === 'snooze' && <SnoozeForm item={dialog.item} onDone={close} />}
        {dialog?.kind === 'skip' && <SkipForm item={dialog.item} onDone={close} />}
      </Modal>
    </Stack>
  );
}

/** One message or call task: who it is for, how to reach them, what to say, why, and what to do with it. */
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { OutboxItem } from '../../../src-preload/contract';
import { formatCalendarDate } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { CHANNEL_LABELS } from '../relationships/describeRule';

const STATUS: Record<OutboxItem['status'], { label: string; color: string }> = {
  due: { label: 'Due', color: 'indigo' },
  snoozed: { label: 'Snoozed', color: 'yellow' },
  sent: { label: 'Sent', color: 'teal' },
  done: { label: 'Done', color: 'teal' },
  skipped: { label: 'Skipped', color: 'gray' },
};

interface Props {
  item: OutboxItem;
  showStaff: boolean;
  onSnooze: () => void;
  onSkip: () => void;
}

export function OutboxCard({ item, showStaff, onSnooze, onSkip }: Props) {
  const update = useChannelMutation('outbox-update', { invalidate: [keys.outbox] });
  const open = item.status === 'due' || item.status === 'snoozed';
  const finished = item.channel === 'call' ? 'done' : 'sent';
  const status = STATUS[item.status];
  // The card's own name, which its buttons repeat so each says whose message it acts on.
  const what = `${CHANNEL_LABELS[item.channel]} for ${item.recipient.name}`;

  return (
    <Paper withBorder p="md" component="article" aria-label={what}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text fw={600}>{item.recipient.name}</Text>
            <Badge variant="light">{CHANNEL_LABELS[item.channel]}</Badge>
            <Badge variant="light" color={status.color}>
              {status.label}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            Due {formatCalendarDate(item.dueDate)}
            {item.status === 'snoozed' && item.snoozedUntil && ` · snoozed until ${formatCalendarDate(item.snoozedUntil)}`}
          </Text>
        </Group>
        <Text size="sm">
          {contact(item)}
          {showStaff && ` · for ${item.staff?.name ?? 'no one (unassigned)'}`}
        </Text>
        <Text
          size="sm"
          p="sm"
          bg="var(--mantine-color-default-hover)"
          style={{ whiteSpace: 'pre-wrap', borderRadius: 'var(--mantine-radius-sm)' }}
        >
          {item.rendered}
        </Text>
        <Text size="sm" c="dimmed">
          {item.reason} · rule “{item.ruleName}”
        </Text>
        {item.status === 'skipped' && item.skipReason && (
          <Text size="sm" c="orange" fw={500}>
            Skipped: {item.skipReason}
          </Text>
        )}
        {/* An email rule's item the mail server could not take (no consent or no address) stays a task and says why. */}
        {item.status !== 'skipped' && item.skipReason && (
          <Text size="sm" c="orange" fw={500}>
            {item.skipReason}
          </Text>
        )}
        {open && (
          <Group gap="xs">
            <Button
              size="xs"
              loading={update.isPending}
              aria-label={`${item.channel === 'call' ? 'Mark done' : 'Mark sent'}: ${what}`}
              onClick={() => update.mutate({ id: item.id, status: finished })}
            >
              {item.channel === 'call' ? 'Mark done' : 'Mark sent'}
            </Button>
            <Button size="xs" variant="default" aria-label={`Snooze ${what}`} onClick={onSnooze}>
              Snooze
            </Button>
            <Button size="xs" variant="default" aria-label={`Skip ${what}`} onClick={onSkip}>
              Skip
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function contact(item: OutboxItem): string {
  const { email, phone } = item.recipient;
  if (item.channel === 'email') return email ?? 'No email on file';
  if (phone) return phone;
  return item.channel === 'sms' ? 'No phone on file' : email ? `No phone on file · ${email}` : 'No phone or email on file';
}

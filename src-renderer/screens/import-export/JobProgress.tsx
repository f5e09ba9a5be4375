import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { ProgressView } from './useJobProgress';
import { formatNumber } from '../../format';

export function JobProgress({ label, view, onCancel }: { label: string; view: ProgressView | null; onCancel?: () => void }) {
  return (
    <Stack gap={4} aria-label={label} role="status">
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {onCancel && view && (
          <Button size="compact-sm" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </Group>
      <Progress value={view?.percent ?? 100} animated={view?.percent == null} aria-label={`${label} progress`} />
      <Text size="xs" c="dimmed">
        {view?.phase === 'backup'
          ? `Backing up the book first${view.percent === null ? '' : ` (${view.percent}%)`}…`
          : view
          ? `${formatNumber(view.rows)} rows · ${formatNumber(view.rowsPerSecond)} rows/s` +
            (view.secondsLeft !== null ? ` · about ${view.secondsLeft} s left` : '')
          : 'Starting…'}
      </Text>
    </Stack>
  );
}

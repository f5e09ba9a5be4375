/**
 * One cell of the roles matrix: a checkbox the Admin may change, or a fixed mark. Either
 * way, when it cannot be changed, the reason is on hover.
 */
import { Checkbox, Text, Tooltip, VisuallyHidden } from '@mantine/core';

interface Props {
  label: string;
  checked: boolean;
  lockedReason: string | null;
  /** A read-only role shows marks rather than disabled checkboxes, so it reads as a fact. */
  asCheckbox: boolean;
  shown?: { yes: string; no: string };
  onChange: (checked: boolean) => void;
}

export function MatrixBox({ label, checked, lockedReason, asCheckbox, shown = { yes: 'Yes', no: 'No' }, onChange }: Props) {
  if (!asCheckbox) {
    return (
      <Tooltip label={lockedReason} disabled={!lockedReason} multiline w={260} withArrow>
        <Text span c={checked ? 'teal' : 'dimmed'} fw={700}>
          <span aria-hidden>{checked ? '✓' : '—'}</span>
          <VisuallyHidden>{`${label}: ${checked ? shown.yes : shown.no}`}</VisuallyHidden>
        </Text>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={lockedReason} disabled={!lockedReason} multiline w={260} withArrow>
      {/* A disabled input gets no pointer events; the wrapper carries the tooltip. */}
      <span style={{ display: 'inline-block' }}>
        <Checkbox
          aria-label={label}
          checked={checked}
          disabled={lockedReason !== null}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      </span>
    </Tooltip>
  );
}

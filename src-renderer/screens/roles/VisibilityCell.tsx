/** A role's visibility in the matrix: a select, or the fixed value with the reason on hover. */
import { Select, Text, Tooltip } from '@mantine/core';
import type { RoleSummary } from '../../../src-preload/contract';
import { VISIBILITIES } from '../../../src-preload/policy';
import { VISIBILITY_LABELS, type Visibility } from './roleRules';

const options = VISIBILITIES.map((value) => ({ value, label: VISIBILITY_LABELS[value] }));

interface Props {
  role: RoleSummary;
  value: Visibility;
  lockedReason: string | null;
  onChange: (value: Visibility) => void;
}

export function VisibilityCell({ role, value, lockedReason, onChange }: Props) {
  if (lockedReason) {
    return (
      <Tooltip label={lockedReason} multiline w={260} withArrow>
        <Text size="sm" ta="center">
          {VISIBILITY_LABELS[value]}
        </Text>
      </Tooltip>
    );
  }
  return (
    <Select
      aria-label={`${role.name} visibility`}
      size="xs"
      data={options}
      value={value}
      allowDeselect={false}
      onChange={(v) => v && onChange(v)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

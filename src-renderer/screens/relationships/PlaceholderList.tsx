/** The placeholders a template may use; clicking one puts it where the cursor is. */
import { Button, Group, Text } from '@mantine/core';
import { TEMPLATE_PLACEHOLDERS } from '../../../src-preload/contract';

export function PlaceholderList({ onInsert }: { onInsert: (tag: string) => void }) {
  return (
    <div>
      <Text size="sm" fw={500} id="placeholders-title" mb={4}>
        Placeholders
      </Text>
      <Group gap={6} role="group" aria-labelledby="placeholders-title">
        {TEMPLATE_PLACEHOLDERS.map((p) => (
          <Button
            key={p}
            size="compact-xs"
            variant="light"
            ff="monospace"
            aria-label={`Insert {{${p}}}`}
            onClick={() => onInsert(`{{${p}}}`)}
          >
            {`{{${p}}}`}
          </Button>
        ))}
      </Group>
    </div>
  );
}

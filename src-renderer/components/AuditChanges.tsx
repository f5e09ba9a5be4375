/** Before/after of one audit row, as a short list of what changed rather than two JSON blobs. */
import { Code, List, Text } from '@mantine/core';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <Text c="dimmed" size="sm">—</Text>;
  if ((before == null || isPlain(before)) && (after == null || isPlain(after))) {
    const b = before ?? {};
    const a = after ?? {};
    // A creation lists only the fields it set; a change lists only the fields that differ.
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) =>
      before == null ? a[k] != null : JSON.stringify(b[k]) !== JSON.stringify(a[k]),
    );
    if (fields.length === 0) return <Text c="dimmed" size="sm">No field changed</Text>;
    return (
      <List size="sm" spacing={2} listStyleType="none">
        {fields.map((k) => (
          <List.Item key={k}>
            <Text span fw={500} size="sm">
              {k}
            </Text>
            {': '}
            {before != null && (
              <>
                <Code>{show(b[k])}</Code>
                {' → '}
              </>
            )}
            <Code>{show(a[k])}</Code>
          </List.Item>
        ))}
      </List>
    );
  }
  return (
    <Code block>
      {JSON.stringify({ before, after })}
    </Code>
  );
}

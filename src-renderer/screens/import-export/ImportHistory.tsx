/** Past imports: who, when, which file, counts; undo the ones not undone yet. */
import { Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { countOf, formatDateTime, formatNumber } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation, useImportHistory } from '../../queries';

export function ImportHistory() {
  const history = useImportHistory();
  const undoImport = useChannelMutation('import-undo', { invalidate: [keys.imports, keys.clients] });

  const undo = (importId: number) =>
    undoImport.mutate(
      { importId },
      {
        onSuccess: (r) =>
          notifications.show({
            color: r.kept.length ? 'yellow' : 'teal',
            title: 'Import undone',
            message:
              `${countOf(r.removed, 'client')} removed, ${formatNumber(r.restored)} restored.` +
              (r.kept.length ? ` Kept (changed since): ${r.kept.slice(0, 5).map((k) => k.name).join(', ')}${r.kept.length > 5 ? '…' : ''}.` : ''),
          }),
      },
    );

  if (!history.data?.length) return <Text c="dimmed">No imports yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table aria-label="Import history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Updated</Table.Th>
            <Table.Th>Skipped</Table.Th>
            <Table.Th>Rejected</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{formatDateTime(h.at)}</Table.Td>
              <Table.Td>{h.by ?? '—'}</Table.Td>
              <Table.Td title={`sha256 ${h.fileHash}`}>{h.fileName}</Table.Td>
              <Table.Td>{h.created}</Table.Td>
              <Table.Td>{h.updated}</Table.Td>
              <Table.Td>{h.skipped}</Table.Td>
              <Table.Td>{h.rejected}</Table.Td>
              <Table.Td>
                {h.undoneAt ? (
                  <Text size="sm" c="dimmed">
                    Undone {formatDateTime(h.undoneAt)}
                  </Text>
                ) : (
                  <Button size="compact-sm" variant="subtle" color="red" loading={undoImport.isPending && undoImport.variables.importId === h.id}
                    aria-label={`Undo the import of ${h.fileName} (${formatDateTime(h.at)})`}
                    onClick={() => undo(h.id)}>
                    Undo
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

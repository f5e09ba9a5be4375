/** What a dry run or an import did: counts, the rows with problems, the error report, undo. */
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { ImportRunResult } from '../../../src-preload/contract';
import { downloadStaged } from '../../files';
import { countOf, formatNumber } from '../../format';

const COLORS = { rejected: 'red', skipped: 'gray', warning: 'yellow', created: 'teal', updated: 'blue' } as const;

export function ImportOutcome({ result, onUndo, undoing }: { result: ImportRunResult; onUndo?: () => void; undoing?: boolean }) {
  const title = result.dryRun ? 'Dry run: nothing was written' : `Imported (import #${result.importId})`;
  return (
    <Stack gap="sm" aria-label={result.dryRun ? 'Dry run result' : 'Import result'} role="region">
      <Alert color={result.rejected ? 'yellow' : 'teal'} title={title}>
        <Text size="sm">
          {countOf(result.rows, 'row')}: {formatNumber(result.created)} {result.dryRun ? 'to create' : 'created'},{' '}
          {formatNumber(result.updated)} {result.dryRun ? 'to update' : 'updated'}, {formatNumber(result.skipped)} skipped as duplicates,{' '}
          {formatNumber(result.rejected)} rejected, {countOf(result.warnings, 'warning')}.
        </Text>
      </Alert>
      <Group>
        {result.errorReportId && (
          <Button variant="default" onClick={() => void downloadStaged(result.errorReportId!, 'rejected-rows.csv')}>
            Download error report
          </Button>
        )}
        {onUndo && (
          <Button color="red" variant="light" onClick={onUndo} loading={undoing}>
            Undo this import
          </Button>
        )}
      </Group>
      {result.problems.length > 0 && (
        <Table.ScrollContainer minWidth={560} mah={320}>
          <Table aria-label="Rows with problems" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Column</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.problems.map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{p.line}</Table.Td>
                  <Table.Td>
                    <Badge color={COLORS[p.outcome]} variant="light">
                      {p.outcome}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{p.column ?? ''}</Table.Td>
                  <Table.Td>{p.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {result.problemsTruncated && <Text size="sm">Only the first 1,000 problems are listed; the error report has every rejected row.</Text>}
    </Stack>
  );
}

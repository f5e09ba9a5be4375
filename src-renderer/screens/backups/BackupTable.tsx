/** A backup folder's contents, newest first, with one action per row. */
import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import type { BackupInfo } from '../../../src-preload/contract';
import { formatDateTime, formatSize } from '../../format';
import { clientsLabel, REASON_LABELS } from './labels';

export function BackupTable({ backups, label, action }: { backups: BackupInfo[]; label: string; action: (b: BackupInfo) => ReactNode }) {
  if (backups.length === 0) {
    return <Text c="dimmed" size="sm">There are no backups in this folder yet.</Text>;
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Taken</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Clients</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {backups.map((b) => (
            <Table.Tr key={b.file}>
              <Table.Td title={b.file}>{formatDateTime(b.takenAt)}</Table.Td>
              <Table.Td>{REASON_LABELS[b.reason]}</Table.Td>
              <Table.Td>{formatSize(b.sizeBytes)}</Table.Td>
              <Table.Td>
                {b.problem ? (
                  <Badge color="red" variant="light" title={b.problem}>Cannot be restored</Badge>
                ) : (
                  clientsLabel(b)
                )}
              </Table.Td>
              <Table.Td ta="right">{action(b)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

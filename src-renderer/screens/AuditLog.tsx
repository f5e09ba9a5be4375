/** Every recorded change in the shop, newest first. */
import { Stack, Text, Title } from '@mantine/core';
import { AuditTable } from '../components/AuditTable';

export function AuditLog() {
  return (
    <Stack>
      <div>
        <Title order={2}>Audit log</Title>
        <Text c="dimmed" size="sm">
          Who changed what, and when. Newest first.
        </Text>
      </div>
      <AuditTable label="Audit log" />
    </Stack>
  );
}

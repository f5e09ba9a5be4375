/** An honest placeholder for a feature that has not shipped: no controls that do nothing. */
import { EmptyState, Stack, Title } from '@mantine/core';

export function NotYet({ title, what }: { title: string; what: string }) {
  return (
    <Stack>
      <Title order={2}>{title}</Title>
      <EmptyState title="Not available in this version yet" description={`${what} will arrive in a later version.`} />
    </Stack>
  );
}

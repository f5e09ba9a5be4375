/** The Relationships page: the shop's relationship types, and for those who manage them, the life-event automations. */
import { Stack, Title } from '@mantine/core';
import { useCan } from '../../permissions';
import { AutomationsSection } from './AutomationsSection';
import { RelationshipTypesSection } from './RelationshipTypesSection';

export function RelationshipsPage() {
  const can = useCan();
  return (
    <Stack gap="xl">
      <Title order={2}>Relationships</Title>
      <RelationshipTypesSection />
      {can('automation.manage') && <AutomationsSection />}
    </Stack>
  );
}

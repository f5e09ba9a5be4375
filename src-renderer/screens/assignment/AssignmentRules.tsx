/** Assignment rules: the shop's settings, POS ids, sales history imports and bulk reassignment, each for those allowed. */
import { Stack, Title } from '@mantine/core';
import { useCan } from '../../permissions';
import { AssignmentSettingsForm } from './AssignmentSettingsForm';
import { BulkReassignSection } from './BulkReassignSection';
import { PosIdsSection } from './PosIdsSection';
import { SalesImportSection } from './SalesImportSection';
import { Section } from './Section';

export function AssignmentRules() {
  const can = useCan();
  return (
    <Stack maw={900}>
      <Title order={2}>Assignment rules</Title>
      {can('settings.change') && (
        <Section id="rules-settings" title="Settings">
          <AssignmentSettingsForm />
        </Section>
      )}
      {can('import') && (
        <Section
          id="rules-pos-ids"
          title="POS associate ids"
          description="Every POS id seen in imported sales. A sale's seller counts only once their POS id is mapped to a staff member."
        >
          <PosIdsSection />
        </Section>
      )}
      {can('import') && (
        <Section
          id="rules-sales-import"
          title="Sales history import"
          description="The first import, in onboarding mode, assigns each client to the associate with the greatest total spend with them."
        >
          <SalesImportSection />
        </Section>
      )}
      {can('client.assign-others') && (
        <Section id="rules-bulk" title="Bulk reassignment" description="Hand every client of one associate, for example someone leaving, to the team.">
          <BulkReassignSection />
        </Section>
      )}
    </Stack>
  );
}

/** The Import/Export page: import and history for those who may import, export for those who may export. */
import { Stack, Tabs, Title } from '@mantine/core';
import type { Action } from '../../../src-preload/policy';
import { ExportPanel } from './ExportPanel';
import { ImportHistory } from './ImportHistory';
import { ImportPanel } from './ImportPanel';

export function ImportExport({ permissions }: { permissions: readonly Action[] }) {
  const canImport = permissions.includes('import');
  const canExport = permissions.includes('export');
  return (
    <Stack>
      <Title order={2}>Import/Export</Title>
      <Tabs defaultValue={canImport ? 'import' : 'export'} keepMounted={false}>
        <Tabs.List>
          {canImport && <Tabs.Tab value="import">Import clients</Tabs.Tab>}
          {canExport && <Tabs.Tab value="export">Export clients</Tabs.Tab>}
          {canImport && <Tabs.Tab value="history">Import history</Tabs.Tab>}
        </Tabs.List>
        {canImport && (
          <Tabs.Panel value="import" pt="md">
            <ImportPanel canListStaff={permissions.includes('staff.manage')} />
          </Tabs.Panel>
        )}
        {canExport && (
          <Tabs.Panel value="export" pt="md">
            <ExportPanel />
          </Tabs.Panel>
        )}
        {canImport && (
          <Tabs.Panel value="history" pt="md">
            <ImportHistory />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

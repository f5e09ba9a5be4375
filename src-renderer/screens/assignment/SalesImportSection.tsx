/**
 * Sales history import: choose a CSV, dry run it to read the report, then import. The file
 * travels whole in one message, so large files are refused here and sent to Import/Export.
 */
import { useEffect, useId, useState } from 'react';
import { Alert, Button, Group, Input, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { SALES_CSV_MAX_CHARS, type SalesImportReport as Report } from '../../../src-preload/contract.assignment';
import { errorMessage } from '../../api';
import { downloadText } from '../../download';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { useChannelMutation, useSettings } from '../../queries';
import { SalesImportReport } from './SalesImportReport';

type Mode = 'onboarding' | 'ongoing';
interface Chosen {
  name: string;
  csv: string;
}

const MAX_MB = (SALES_CSV_MAX_CHARS / 1_000_000).toLocaleString();

export function SalesImportSection() {
  const can = useCan();
  const inputId = useId();
  const settings = useSettings(true);
  const [file, setFile] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('onboarding');
  const [report, setReport] = useState<{ report: Report; title: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const after = [keys.clients, keys.assignment, keys.posIds, keys.settings];
  const run = useChannelMutation('sales-import', { form: true, invalidate: after });
  const rerun = useChannelMutation('sales-onboarding-rerun', { form: true, invalidate: after });
  const problems = useChannelMutation('sales-import-problems', { form: true });

  // Onboarding is the first import's mode; once it has run, later files are ongoing.
  const onboarded = settings.data?.onboardingCompletedAt != null;
  useEffect(() => setMode(onboarded ? 'ongoing' : 'onboarding'), [onboarded]);

  const choose = async (chosen: File | undefined) => {
    setFile(null);
    setReport(null);
    setError(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > SALES_CSV_MAX_CHARS) {
      const mb = (chosen.size / 1_000_000).toLocaleString(undefined, { maximumFractionDigits: 1 });
      setFileError(`${chosen.name} is ${mb} MB. Files over ${MAX_MB} MB are imported on the Import/Export page.`);
      return;
    }
    setFile({ name: chosen.name, csv: await chosen.text() });
  };

  const submit = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    try {
      const result = await run.mutateAsync({ fileName: file.name, csv: file.csv, mode, dryRun });
      setReport({ report: result, title: dryRun ? `Dry run of ${file.name}` : `Imported ${file.name}` });
      if (!dryRun) notifications.show({ color: 'teal', message: `Imported ${result.imported.toLocaleString()} sales from ${file.name}.` });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const download = async (importId: number) => {
    try {
      const { filename, csv } = await problems.mutateAsync({ importId });
      downloadText(filename, csv, 'text/csv');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const rerunOnboarding = async () => {
    setError(null);
    try {
      setReport({ report: await rerun.mutateAsync({}), title: 'Onboarding re-run for Unassigned clients' });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const dryRunDone = report?.report.dryRun === true;
  const shown = report?.report;
  return (
    <Stack>
      <Input.Wrapper
        label="Sales file (CSV)"
        labelProps={{ htmlFor: inputId }}
        description={`Columns: transaction id, client email, phone or client id, POS associate id, amount, date; up to ${MAX_MB} MB`}
        error={fileError}
      >
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
          style={{ display: 'block', marginTop: 6, font: 'inherit', color: 'inherit' }}
        />
      </Input.Wrapper>
      <Radio.Group
        label="Mode"
        value={mode}
        onChange={(v) => {
          setMode(v === 'ongoing' ? 'ongoing' : 'onboarding');
          setReport(null);
        }}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="onboarding" label="Onboarding: assign each Unassigned client to the associate with the greatest total spend" />
          <Radio value="ongoing" label="Ongoing: add the sales; an Unassigned client goes to the seller of their first new sale" />
        </Stack>
      </Radio.Group>
      {error && (
        <Alert color="red" title="The sales file could not be imported">
          {error}
        </Alert>
      )}
      <Group gap="xs">
        <Button variant="default" onClick={() => submit(true)} disabled={!file} loading={run.isPending && run.variables?.dryRun}>
          Dry run
        </Button>
        <Button onClick={() => submit(false)} disabled={!file || !dryRunDone} loading={run.isPending && !run.variables?.dryRun}>
          {dryRunDone && report.report.problems > 0 ? 'Import valid rows' : 'Import'}
        </Button>
        {file && !dryRunDone && !report && (
          <Text size="sm" c="dimmed">
            Run a dry run first to see what the import will do.
          </Text>
        )}
      </Group>
      {shown && report && (
        <SalesImportReport
          report={shown}
          title={report.title}
          actions={
            !shown.dryRun &&
            shown.importId !== null &&
            shown.problems > 0 && (
              <Button variant="default" size="xs" onClick={() => download(shown.importId!)} loading={problems.isPending}>
                Download problem rows
              </Button>
            )
          }
        />
      )}
      {can('client.assign-others') && (onboarded || (shown && !shown.dryRun)) && (
        <Group gap="xs">
          <Button variant="default" onClick={rerunOnboarding} loading={rerun.isPending}>
            Re-run onboarding for Unassigned clients
          </Button>
          <Text size="sm" c="dimmed">
            After mapping more POS ids: assigns clients still Unassigned by their sales so far.
          </Text>
        </Group>
      )}
    </Stack>
  );
}

/**
 * Sales history import: choose a CSV (streamed up by chunks, any size), dry run it to read
 * the report, then import. Each run is a job in a worker thread: a progress bar with
 * cancel, and the rest of the app stays usable meanwhile.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, FileInput, Group, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SalesImportReport as Report } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { downloadText } from '../../download';
import { uploadFile } from '../../files';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { useChannelMutation, useSettings } from '../../queries';
import { JobProgress } from '../import-export/JobProgress';
import { useJobProgress } from '../import-export/useJobProgress';
import { SalesImportReport } from './SalesImportReport';
import { formatNumber } from '../../format';

type Mode = 'onboarding' | 'ongoing';
type Running = 'dry-run' | 'import' | 'rerun' | 'rerun-preview';
const RUNNING_LABELS: Record<Running, string> = {
  'dry-run': 'Checking every sale',
  import: 'Importing sales',
  rerun: 'Re-running onboarding',
  'rerun-preview': 'Working out who would move',
};
const PREVIEW_TITLE = 'Preview: onboarding re-run';

export function SalesImportSection() {
  const can = useCan();
  const settings = useSettings(true);
  const [file, setFile] = useState<File | null>(null);
  /** The chosen file once uploaded: a dry run and the import that follows read the same upload. */
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [mode, setMode] = useState<Mode>('onboarding');
  const [report, setReport] = useState<{ report: Report; title: string } | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useJobProgress(running !== null);
  const problems = useChannelMutation('sales-import-problems', { form: true });
  // A real import or a re-run moves clients to staff and records sales; a dry run changes nothing.
  const changed = (_input: unknown, report: Report) => (report.dryRun ? [] : [keys.clients, keys.assignment, keys.posIds, keys.settings]);
  const importer = useChannelMutation('sales-import', { form: true, invalidate: changed });
  const rerun = useChannelMutation('sales-onboarding-rerun', { form: true, invalidate: changed });
  const canceller = useChannelMutation('job-cancel', { form: true });

  // Onboarding is the first import's mode; once it has run, later files are ongoing.
  const onboarded = settings.data?.onboardingCompletedAt != null;
  useEffect(() => setMode(onboarded ? 'ongoing' : 'onboarding'), [onboarded]);

  const choose = (chosen: File | undefined) => {
    setFile(chosen ?? null);
    setUploadId(null);
    setReport(null);
    setError(null);
  };

  const start = async (what: Running, work: () => Promise<{ report: Report; title: string }>) => {
    setError(null);
    setRunning(what);
    try {
      setReport(await work());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(null);
      setSent(null);
    }
  };

  const submit = (dryRun: boolean) =>
    start(dryRun ? 'dry-run' : 'import', async () => {
      let id = uploadId;
      if (!id) {
        setSent(0);
        id = await uploadFile(file!, setSent);
        setUploadId(id);
        setSent(null);
      }
      const result = await importer.mutateAsync({ uploadId: id, mode, dryRun });
      if (!dryRun) notifications.show({ color: 'teal', message: `Imported ${formatNumber(result.imported)} sales from ${file!.name}.` });
      return { report: result, title: dryRun ? `Dry run of ${file!.name}` : `Imported ${file!.name}` };
    });

  const previewRerun = () => start('rerun-preview', async () => ({ report: await rerun.mutateAsync({ dryRun: true }), title: PREVIEW_TITLE }));
  const rerunOnboarding = () =>
    start('rerun', async () => {
      const result = await rerun.mutateAsync({});
      notifications.show({ color: 'teal', message: `Onboarding re-run: ${formatNumber(result.moves.reduce((sum, m) => sum + m.clients, 0))} clients moved.` });
      return { report: result, title: 'Onboarding re-run' };
    });

  const download = async (importId: number) => {
    try {
      const { filename, csv } = await problems.mutateAsync({ importId });
      downloadText(filename, csv, 'text/csv');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const dryRunDone = report?.report.dryRun === true;
  const shown = report?.report;
  return (
    <Stack>
      <FileInput
        label="Sales file (CSV)"
        description="Columns: transaction id, client email, phone or client id, POS associate id, amount, date"
        placeholder="Choose a file"
        accept=".csv,text/csv"
        value={file}
        onChange={(f) => choose(f ?? undefined)}
        disabled={running !== null}
        clearable
      />
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
      {running ? (
        sent !== null && file ? (
          <Text size="sm" role="status">
            Uploading {file.name}: {Math.round((sent / Math.max(1, file.size)) * 100)}%
          </Text>
        ) : (
          <JobProgress
            label={RUNNING_LABELS[running]}
            view={progress}
            onCancel={progress ? () => canceller.mutate({ jobId: progress.jobId }, { onError: (err) => setError(errorMessage(err)) }) : undefined}
          />
        )
      ) : (
        <Group gap="xs">
          <Button variant="default" onClick={() => void submit(true)} disabled={!file}>
            Dry run
          </Button>
          <Button onClick={() => void submit(false)} disabled={!file || !dryRunDone}>
            {dryRunDone && report.report.problems > 0 ? 'Import valid rows' : 'Import'}
          </Button>
          {file && !dryRunDone && !report && (
            <Text size="sm" c="dimmed">
              Run a dry run first to see what the import will do.
            </Text>
          )}
        </Group>
      )}
      {shown && report && (
        <SalesImportReport
          report={shown}
          title={report.title}
          actions={
            !shown.dryRun &&
            shown.importId !== null &&
            shown.problems > 0 && (
              <Button variant="default" size="xs" onClick={() => void download(shown.importId!)} loading={problems.isPending}>
                Download problem rows
              </Button>
            )
          }
        />
      )}
      {can('client.assign-others') && (onboarded || (shown && !shown.dryRun)) && (
        <Group gap="xs">
          {report?.title === PREVIEW_TITLE ? (
            <Button onClick={() => void rerunOnboarding()} disabled={running !== null || shown?.moves.length === 0}>
              Apply the re-run
            </Button>
          ) : (
            <Button variant="default" onClick={() => void previewRerun()} disabled={running !== null}>
              Re-run onboarding…
            </Button>
          )}
          <Text size="sm">
            After mapping more POS ids: clients that are Unassigned, or still on onboarding's choice, go to the associate with the greatest total
            spend. The preview shows who moves before anything changes.
          </Text>
        </Group>
      )}
    </Stack>
  );
}

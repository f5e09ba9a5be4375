/**
 * Import clients: choose a file (streamed up in chunks), check encoding and delimiter,
 * fix the column mapping, preview rows as they will be stored, dry-run the whole file,
 * then import with progress and cancel, and undo.
 */
import { Fragment, useState } from 'react';
import { Alert, Button, FileInput, Group, List, Select, Stack, Table, TagsInput, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { ImportInspection, ImportPreviewRow, ImportRunResult, Input } from '../../../src-preload/contract';
import { CSV_DELIMITERS, FIELD_LABELS, type ImportField } from '../../../src-preload/csv';
import { errorMessage, errorTitle } from '../../api';
import { uploadFile } from '../../files';
import { countOf, formatDateTime, formatLocale, formatNumber } from '../../format';
import { keys } from '../../keys';
import { useChannelMutation, useLocationList, useStaffList } from '../../queries';
import { currentSession } from '../../session';
import { ImportOutcome } from './ImportOutcome';
import { JobProgress } from './JobProgress';
import { MappingTable } from './MappingTable';
import { useJobProgress } from './useJobProgress';

const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1', 'iso-8859-15', 'shift_jis', 'gb18030', 'big5', 'euc-kr'];
const DELIMITER_LABELS: Record<string, string> = { ',': 'Comma ,', ';': 'Semicolon ;', '\t': 'Tab', '|': 'Pipe |' };
type Assign = Input<'import-run'>['assign'];

export function ImportPanel({ canListStaff }: { canListStaff: boolean }) {
  const queryClient = useQueryClient();
  const staff = useStaffList(canListStaff);
  const locations = useLocationList();
  const [home, setHome] = useState(() => String(currentSession(queryClient)?.workingLocation?.id ?? ''));
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [mapping, setMapping] = useState<(ImportField | null)[]>([]);
  const [dateOrder, setDateOrder] = useState<'ymd' | 'dmy' | 'mdy'>('ymd');
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'fill' | 'overwrite'>('skip');
  const [assign, setAssign] = useState('default');
  const [tags, setTags] = useState<string[]>([]);
  const [preview, setPreview] = useState<ImportPreviewRow[] | null>(null);
  const [running, setRunning] = useState<'dry-run' | 'import' | null>(null);
  const [result, setResult] = useState<ImportRunResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const progress = useJobProgress(running !== null);
  // Each step says its failure above the form (form: true); a dry run changes no client.
  const inspector = useChannelMutation('import-inspect', { form: true });
  const previewer = useChannelMutation('import-preview', { form: true });
  const importer = useChannelMutation('import-run', { form: true, invalidate: ({ dryRun }) => (dryRun ? [keys.imports] : [keys.clients, keys.imports]) });
  const undoer = useChannelMutation('import-undo', { form: true, invalidate: [keys.clients, keys.imports] });
  const canceller = useChannelMutation('job-cancel', { form: true });

  const fail = (err: unknown) => setError(err);
  const reset = () => {
    setInspection(null);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  async function choose(f: File | null) {
    setFile(f);
    reset();
    if (!f) return;
    try {
      setSent(0);
      const uploadId = await uploadFile(f, setSent);
      await inspect({ uploadId });
    } catch (err) {
      fail(err);
    } finally {
      setSent(null);
    }
  }

  async function inspect(input: Input<'import-inspect'>) {
    setError(null);
    setPreview(null);
    setResult(null);
    try {
      const found = await inspector.mutateAsync(input);
      setInspection(found);
      setMapping(found.mapping);
      setDateOrder(found.dateOrder);
    } catch (err) {
      fail(err);
    }
  }

  const format = () => ({
    uploadId: inspection!.uploadId,
    encoding: inspection!.encoding,
    delimiter: inspection!.delimiter as ',',
    mapping,
    dateOrder,
  });

  async function showPreview() {
    setError(null);
    try {
      setPreview(await previewer.mutateAsync(format()));
    } catch (err) {
      fail(err);
    }
  }

  async function run(dryRun: boolean) {
    setError(null);
    setResult(null);
    setRunning(dryRun ? 'dry-run' : 'import');
    try {
      const assignment: Assign = assign.startsWith('staff:') ? { kind: 'staff', staffId: Number(assign.slice(6)) } : ({ kind: assign } as Assign);
      setResult(await importer.mutateAsync({ ...format(), onDuplicate, assign: assignment, tags, locationId: home ? Number(home) : undefined, dryRun }));
    } catch (err) {
      fail(err);
    } finally {
      setRunning(null);
    }
  }

  async function undo() {
    if (!result?.importId) return;
    try {
      const r = await undoer.mutateAsync({ importId: result.importId });
      notifications.show({
        color: r.kept.length ? 'yellow' : 'teal',
        title: 'Import undone',
        message: `${countOf(r.removed, 'client')} removed, ${formatNumber(r.restored)} restored` + (r.kept.length ? `; ${r.kept.length} changed since and kept.` : '.'),
      });
      setResult(null);
    } catch (err) {
      fail(err);
    }
  }

  const assignOptions = [
    { value: 'default', label: "The shop's default assignee (else Unassigned)" },
    { value: 'unassigned', label: 'Leave Unassigned' },
    { value: 'me', label: 'Me' },
    { value: 'column', label: 'From the "Assigned to" column' },
    ...(staff.data ?? []).filter((s) => s.active).map((s) => ({ value: `staff:${s.id}`, label: s.name })),
  ];

  return (
    <Stack>
      <FileInput
        label="CSV file"
        placeholder="Choose a file"
        accept=".csv,.txt,.tsv,text/csv,text/plain"
        value={file}
        onChange={(f) => void choose(f)}
        clearable
      />
      {sent !== null && file && <Text size="sm">Reading the file… {Math.round((sent / Math.max(1, file.size)) * 100)}%</Text>}
      {error !== null && (
        <Alert color="red" title={errorTitle(error)} role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      {inspection && (
        <>
          {inspection.previousImports.length > 0 && (
            <Alert color="yellow" title="This file was imported before">
              The same content was imported {inspection.previousImports.map((p) => `on ${formatDateTime(p.at)} by ${p.by ?? 'someone'}${p.undone ? ' (undone)' : ''}`).join('; ')}.
              Duplicates will be matched, but check before importing again.
            </Alert>
          )}
          {inspection.duplicateHeaders.length > 0 && (
            <Alert color="yellow" title="Repeated column names">
              {inspection.duplicateHeaders.join(', ')} appear more than once; only one of each can be mapped.
            </Alert>
          )}
          <Group grow>
            <Select
              label="Encoding"
              data={[...new Set([inspection.encoding, ...ENCODINGS])]}
              value={inspection.encoding}
              allowDeselect={false}
              onChange={(v) => v && void inspect({ uploadId: inspection.uploadId, encoding: v, delimiter: inspection.delimiter as ',' })}
            />
            <Select
              label="Delimiter"
              data={CSV_DELIMITERS.map((d) => ({ value: d, label: DELIMITER_LABELS[d]! }))}
              value={inspection.delimiter}
              allowDeselect={false}
              onChange={(v) => v && void inspect({ uploadId: inspection.uploadId, encoding: inspection.encoding, delimiter: v as ',' })}
            />
            <Select
              label="Dates are written"
              data={[
                { value: 'ymd', label: 'Year-month-day (2024-12-31)' },
                { value: 'dmy', label: 'Day/month/year (31/12/2024)' },
                { value: 'mdy', label: 'Month/day/year (12/31/2024)' },
              ]}
              value={dateOrder}
              allowDeselect={false}
              onChange={(v) => v && setDateOrder(v)}
              description={dateOrder === inspection.dateOrder ? `Guessed: ${inspection.dateOrderBecause}` : 'Chosen by you'}
            />
          </Group>
          {inspection.dateSamples.length > 0 && (
            <List size="sm" aria-label="How the first dates read">
              {inspection.dateSamples.map((d) => (
                <List.Item key={`${d.line}-${d.column}`}>
                  Line {d.line}, {d.column}: “{d.value}” reads as {d.reads[dateOrder] ? longDate(d.reads[dateOrder]) : 'no date (left empty)'}
                </List.Item>
              ))}
            </List>
          )}
          <Title order={3} size="h4">
            Columns ({inspection.mappingSource === 'saved' ? 'the mapping you saved for these headers' : 'recognised from the headers'})
          </Title>
          <MappingTable headers={inspection.headers} sample={inspection.preview[0]} mapping={mapping} onChange={setMapping} />
          <Group>
            <Button variant="default" onClick={() => void showPreview()}>
              Preview
            </Button>
          </Group>
          {preview && <PreviewTable rows={preview} mapping={mapping} />}
          <Group grow align="flex-start">
            <Select
              label="When a client is already in the book"
              data={[
                { value: 'skip', label: 'Skip the row' },
                { value: 'fill', label: 'Fill blank fields only' },
                { value: 'overwrite', label: 'Overwrite with the file' },
              ]}
              value={onDuplicate}
              allowDeselect={false}
              onChange={(v) => v && setOnDuplicate(v)}
            />
            <Select label="New clients go to" data={assignOptions} value={assign} allowDeselect={false} onChange={(v) => v && setAssign(v)} />
            <Select
              label="New clients' home location"
              description="Unless the row's Location column names one of the shop's locations"
              data={(locations.data ?? []).map((l) => ({ value: String(l.id), label: l.name }))}
              value={home || null}
              allowDeselect={false}
              onChange={(v) => v && setHome(v)}
            />
            <TagsInput label="Tags for every imported client" value={tags} onChange={setTags} maxTags={20} />
          </Group>
          {running ? (
            <JobProgress
              label={running === 'dry-run' ? 'Checking every row' : 'Importing'}
              view={progress}
              onCancel={progress ? () => canceller.mutate({ jobId: progress.jobId }, { onError: fail }) : undefined}
            />
          ) : (
            <Group>
              <Button variant="default" onClick={() => void run(true)}>
                Dry run
              </Button>
              <Button onClick={() => void run(false)}>Import</Button>
            </Group>
          )}
          {result && <ImportOutcome result={result} onUndo={result.dryRun ? undefined : () => void undo()} undoing={undoer.isPending} />}
        </>
      )}
    </Stack>
  );
}

/** 1985-04-03 as "3 April 1985": the words a person checks a date order by. */
function longDate(iso: string): string {
  return new Intl.DateTimeFormat(formatLocale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

function PreviewTable({ rows, mapping }: { rows: ImportPreviewRow[]; mapping: (ImportField | null)[] }) {
  const fields = mapping.filter((f): f is ImportField => f !== null);
  const columns: (ImportField | 'phoneE164')[] = fields.flatMap((f) => (f === 'phone' ? ['phone', 'phoneE164'] : [f])) as never;
  return (
    <Table.ScrollContainer minWidth={720} mah={360}>
      <Table aria-label="Preview" verticalSpacing={2} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c}>{c === 'phoneE164' ? 'Phone (E.164)' : FIELD_LABELS[c]}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Fragment key={r.line}>
              <Table.Tr>
                <Table.Td>{r.line}</Table.Td>
                {r.ok ? (
                  columns.map((c) => <Table.Td key={c}>{r.values[c] ?? ''}</Table.Td>)
                ) : (
                  <Table.Td colSpan={columns.length} c="red">
                    Rejected: {r.column ? `${r.column}: ` : ''}
                    {r.reason}
                  </Table.Td>
                )}
              </Table.Tr>
              {r.ok &&
                r.warnings.map((w) => (
                  <Table.Tr key={w.reason}>
                    <Table.Td />
                    <Table.Td colSpan={columns.length} fs="italic">
                      Warning: {w.reason}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Export clients: a preset or chosen columns in order, which clients (everyone the person may
 * see, a search, a segment; or, from the client list, that list or its selected rows),
 * Excel-safe or plain, then download.
 */
import { useState } from 'react';
import { Alert, Button, Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { ClientFilters } from '../../../src-preload/contract';
import { EXPORT_PRESETS, PRESET_LABELS, type ExportColumnId, type ExportPreset } from '../../../src-preload/csv';
import { errorMessage, errorTitle } from '../../api';
import { downloadStaged } from '../../files';
import { useChannelMutation, useExportColumns, useSegments } from '../../queries';
import { useCan } from '../../permissions';
import { JobProgress } from './JobProgress';
import { useJobProgress } from './useJobProgress';
import { formatNumber } from '../../format';

/** The clients chosen on the client list: its selected rows, or the list as searched and filtered. */
export type ExportTarget = { kind: 'ids'; ids: number[] } | { kind: 'list'; query: string; filters: ClientFilters };

export function ExportPanel({ target }: { target?: ExportTarget }) {
  const columns = useExportColumns();
  const segments = useSegments();
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const can = useCan();
  const [preset, setPreset] = useState<ExportPreset>('clientele');
  const [chosen, setChosen] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<'excel' | 'plain'>('excel');
  const exporter = useChannelMutation('export-clients', { form: true });
  // The export runs as a job, then its file comes down in chunks: busy until both are done.
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = exporter.isPending || downloading;
  const progress = useJobProgress(running);
  const done = downloading ? null : (exporter.data ?? null);

  async function exportNow() {
    setError(null);
    try {
      const which = target
        ? target.kind === 'ids'
          ? { ids: target.ids }
          : { list: { query: target.query || undefined, filters: target.filters } }
        : segmentId
          ? { segmentId }
          : { query: query.trim() || undefined };
      const result = await exporter.mutateAsync({ preset, columns: chosen.length ? (chosen as ExportColumnId[]) : undefined, mode, ...which });
      setDownloading(true);
      await downloadStaged(result.fileId, result.fileName);
    } catch (err) {
      setError(err);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Stack>
      <Group grow align="flex-start">
        <Select
          label="Preset"
          data={EXPORT_PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p] }))}
          value={preset}
          allowDeselect={false}
          onChange={(v) => v && setPreset(v)}
        />
        {target ? (
          <Text size="sm" pt="lg" data-testid="export-target">
            {target.kind === 'ids'
              ? `The ${formatNumber(target.ids.length)} selected ${target.ids.length === 1 ? 'client' : 'clients'}`
              : 'The client list as searched and filtered'}
          </Text>
        ) : (
          <>
            <Select
              label="Clients"
              placeholder="Everyone you can see"
              clearable
              value={segmentId}
              data={(segments.data ?? []).map((s) => ({ value: s.id, label: `Segment: ${s.name}` }))}
              onChange={setSegmentId}
            />
            {!segmentId && (
              <TextInput label="Only clients matching" placeholder="Name or email (empty: everyone you can see)" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
            )}
          </>
        )}
      </Group>
      <MultiSelect
        label="Columns, in order (empty: the preset's)"
        data={(columns.data ?? []).map((c) => ({ value: c.id, label: c.label }))}
        value={chosen}
        onChange={setChosen}
        searchable
        clearable
      />
      {can('export.unsafe') && (
        <SegmentedControl
          aria-label="Format"
          value={mode}
          onChange={(v) => setMode(v)}
          data={[
            { value: 'excel', label: 'Excel-safe CSV' },
            { value: 'plain', label: 'Plain CSV (for re-import)' },
          ]}
        />
      )}
      <Text size="xs" c="dimmed">
        Excel-safe adds a byte-order mark and CRLF line ends, and puts an apostrophe before cells starting with = + - @ so a spreadsheet never runs them.
      </Text>
      {running ? (
        <JobProgress label="Exporting" view={progress} />
      ) : (
        <Group>
          <Button onClick={() => void exportNow()}>Export</Button>
        </Group>
      )}
      {error !== null && (
        <Alert color="red" title={errorTitle(error)} role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      {done && <Text size="sm">Exported {formatNumber(done.rows)} clients to {done.fileName}.</Text>}
    </Stack>
  );
}

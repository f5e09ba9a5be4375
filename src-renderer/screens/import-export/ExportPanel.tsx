/** Export clients: a preset or chosen columns in order, a search filter, Excel-safe or plain, then download. */
import { useState } from 'react';
import { Alert, Button, Group, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { EXPORT_PRESETS, PRESET_LABELS, type ExportColumnId, type ExportPreset } from '../../../src-preload/csv';
import { errorMessage, errorTitle } from '../../api';
import { downloadStaged } from '../../files';
import { useChannelMutation, useExportColumns } from '../../queries';
import { useCan } from '../../permissions';
import { JobProgress } from './JobProgress';
import { useJobProgress } from './useJobProgress';
import { formatNumber } from '../../format';

export function ExportPanel() {
  const columns = useExportColumns();
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
      const result = await exporter.mutateAsync({
        preset,
        columns: chosen.length ? (chosen as ExportColumnId[]) : undefined,
        query: query.trim() || undefined,
        mode,
      });
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
        <TextInput label="Only clients matching" placeholder="Name or email (empty: everyone you can see)" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
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

/** Writing a campaign: its list, subject and message; the count and a preview on real clients; a test to oneself; start. */
import { useState } from 'react';
import { Alert, Button, Card, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CampaignAudience, CampaignPreview } from '../../../src-preload/contract';
import { TEMPLATE_PLACEHOLDERS } from '../../../src-preload/contract';
import { call, errorMessage } from '../../api';

type Who = 'list' | 'segment' | 'all';

export function CampaignComposer({ listAudience, onCancel, onStarted }: { listAudience: CampaignAudience | null; onCancel: () => void; onStarted: (id: number) => void }) {
  const [who, setWho] = useState<Who>(listAudience ? 'list' : 'all');
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [testTo, setTestTo] = useState('');
  const [note, setNote] = useState<{ color: string; text: string } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'test' | 'start' | null>(null);
  const segments = useQuery({ queryKey: ['segments'], queryFn: () => call('segment-list', {}) });

  const audience = (): CampaignAudience => (who === 'list' && listAudience ? listAudience : who === 'segment' && segmentId ? { segmentId } : {});
  const run = async (what: 'preview' | 'test' | 'start', task: () => Promise<void>) => {
    setBusy(what);
    setNote(null);
    try {
      await task();
    } catch (err) {
      setNote({ color: 'red', text: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };
  const first = preview?.samples[0];

  return (
    <Stack maw={820}>
      <Title order={2}>New campaign</Title>
      <TextInput label="Campaign name" description="For you and the report; clients do not see it" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
      <div>
        <Text size="sm" fw={500} mb={4}>
          Send to
        </Text>
        <SegmentedControl
          aria-label="Send to"
          value={who}
          onChange={(v) => {
            setWho(v as Who);
            setPreview(null);
          }}
          data={[
            ...(listAudience ? [{ value: 'list', label: 'The client list as filtered' }] : []),
            { value: 'segment', label: 'A segment' },
            { value: 'all', label: 'Every client I can see' },
          ]}
        />
      </div>
      {who === 'segment' && (
        <Select label="Segment" data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))} value={segmentId} onChange={(v) => { setSegmentId(v); setPreview(null); }} searchable />
      )}
      <TextInput label="Subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} required />
      <Textarea label="Message" autosize minRows={6} value={body} onChange={(e) => setBody(e.currentTarget.value)} required />
      <Text size="xs" c="dimmed">
        Placeholders: {TEMPLATE_PLACEHOLDERS.filter((p) => !['event', 'days', 'relationship'].includes(p)).map((p) => `{{${p}}}`).join(', ')}. An unsubscribe line is added at the end.
      </Text>
      {note && <Alert color={note.color}>{note.text}</Alert>}
      <Group>
        <Button variant="default" loading={busy === 'preview'} onClick={() => void run('preview', async () => setPreview(await call('campaign-preview', { audience: audience(), subject, body })))}>
          Preview and count
        </Button>
        <Button variant="subtle" onClick={onCancel}>
          Back
        </Button>
      </Group>
      {preview && (
        <Stack>
          <Text data-testid="campaign-count">
            {preview.count.recipients} of {preview.count.listed} clients on this list will receive it ({preview.count.noConsent} have not agreed to email, {preview.count.noAddress} have no address
            {preview.count.alreadySent ? `, ${preview.count.alreadySent} already have this email` : ''}).
          </Text>
          {preview.samples.map((s) => (
            <Card key={s.clientId} withBorder>
              <Text size="xs" c="dimmed">
                To {s.name}
              </Text>
              <Text fw={500}>{s.subject}</Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {s.body}
              </Text>
            </Card>
          ))}
          {first && (
            <Group align="flex-end">
              <TextInput label={`Send a test (as ${first.name} would get it) to`} value={testTo} onChange={(e) => setTestTo(e.currentTarget.value)} style={{ flex: 1 }} />
              <Button
                variant="default"
                disabled={!testTo.trim()}
                loading={busy === 'test'}
                onClick={() =>
                  void run('test', async () => {
                    const r = await call('campaign-test', { subject, body, clientId: first.clientId, to: testTo });
                    setNote({ color: r.sent ? 'teal' : 'red', text: `${r.sent ? 'Sent' : 'Not sent'}: ${r.answer}` });
                  })
                }
              >
                Send test
              </Button>
            </Group>
          )}
          <Group>
            <Button
              disabled={preview.count.recipients === 0 || !name.trim()}
              loading={busy === 'start'}
              onClick={() => void run('start', async () => onStarted((await call('campaign-start', { name, audience: audience(), subject, body })).id))}
            >
              Send to {preview.count.recipients} clients
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

/** Writing a campaign: its list, subject and message; the count and a preview on real clients; a test to oneself; start. */
import { useState } from 'react';
import { Alert, Button, Card, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { CampaignAudience } from '../../../src-preload/contract';
import { TEMPLATE_PLACEHOLDERS } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { keys } from '../../keys';
import { useChannelMutation, useSegments } from '../../queries';

type Who = 'list' | 'segment' | 'all';

export function CampaignComposer({ listAudience, onCancel, onStarted }: { listAudience: CampaignAudience | null; onCancel: () => void; onStarted: (id: number) => void }) {
  const [who, setWho] = useState<Who>(listAudience ? 'list' : 'all');
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [testTo, setTestTo] = useState('');
  const segments = useSegments();
  // Failures are said beside the buttons (form: true), as is the server's answer to a test.
  const previewing = useChannelMutation('campaign-preview', { form: true });
  const testing = useChannelMutation('campaign-test', { form: true });
  const starting = useChannelMutation('campaign-start', { form: true, invalidate: [keys.campaigns, keys.messages] });
  const preview = previewing.data ?? null;
  const clearPreview = () => previewing.reset();
  const failed = [previewing, testing, starting].find((m) => m.isError)?.error;
  const note = failed
    ? { color: 'red', text: errorMessage(failed) }
    : testing.data
      ? { color: testing.data.sent ? 'teal' : 'red', text: `${testing.data.sent ? 'Sent' : 'Not sent'}: ${testing.data.answer}` }
      : null;
  const clearNotes = () => [testing, starting].forEach((m) => m.reset());

  const audience = (): CampaignAudience => (who === 'list' && listAudience ? listAudience : who === 'segment' && segmentId ? { segmentId } : {});
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
            clearPreview();
          }}
          data={[
            ...(listAudience ? [{ value: 'list', label: 'The client list as filtered' }] : []),
            { value: 'segment', label: 'A segment' },
            { value: 'all', label: 'Every client I can see' },
          ]}
        />
      </div>
      {who === 'segment' && (
        <Select label="Segment" data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))} value={segmentId} onChange={(v) => { setSegmentId(v); clearPreview(); }} searchable />
      )}
      <TextInput label="Subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} required />
      <Textarea label="Message" autosize minRows={6} value={body} onChange={(e) => setBody(e.currentTarget.value)} required />
      <Text size="xs" c="dimmed">
        Placeholders: {TEMPLATE_PLACEHOLDERS.filter((p) => !['event', 'days', 'relationship'].includes(p)).map((p) => `{{${p}}}`).join(', ')}. An unsubscribe line is added at the end.
      </Text>
      {note && <Alert color={note.color}>{note.text}</Alert>}
      <Group>
        <Button
          variant="default"
          loading={previewing.isPending}
          onClick={() => {
            clearNotes();
            previewing.mutate({ audience: audience(), subject, body });
          }}
        >
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
                loading={testing.isPending}
                onClick={() => {
                  starting.reset();
                  testing.mutate({ subject, body, clientId: first.clientId, to: testTo });
                }}
              >
                Send test
              </Button>
            </Group>
          )}
          <Group>
            <Button
              disabled={preview.count.recipients === 0 || !name.trim()}
              loading={starting.isPending}
              onClick={() => {
                testing.reset();
                starting.mutate({ name, audience: audience(), subject, body }, { onSuccess: ({ id }) => onStarted(id) });
              }}
            >
              Send to {preview.count.recipients} clients
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

/** Settings > Email: the shop's SMTP server, where its password is kept, and a test email with the server's answer. */
import { useEffect, useState } from 'react';
import { Alert, Button, Center, Checkbox, Group, Loader, NumberInput, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { MailSecurity, MailTestResult } from '../../../src-preload/contract';
import { errorMessage } from '../../api';
import { applyServerError } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { useMailSettings } from '../../queries.email';

const SECURITY: { value: MailSecurity; label: string }[] = [
  { value: 'starttls', label: 'STARTTLS (587)' },
  { value: 'tls', label: 'TLS (465)' },
  { value: 'none', label: 'None (local relay)' },
];

export function MailSettingsSection() {
  const settings = useMailSettings();
  const update = useChannelMutation('mail-settings-update', { form: true, invalidate: [keys.mailSettings] });
  const [error, setError] = useState<string | null>(null);
  const [testTo, setTestTo] = useState('');
  // A refused test (no server set up, a bad address) reads like the server's own refusal.
  const test = useChannelMutation('mail-test', { form: true });
  const answer: MailTestResult | null = test.isError ? { sent: false, answer: errorMessage(test.error) } : (test.data ?? null);
  const form = useForm({
    initialValues: {
      host: '',
      port: 587 as number | string,
      security: 'starttls' as MailSecurity,
      username: '',
      password: '',
      clearPassword: false,
      fromName: '',
      fromAddress: '',
      replyTo: '',
      hourlyLimit: 100 as number | string,
    },
  });

  // form.initialize is stable and only acts once; the settings arriving is the one event that matters.
  const { initialize } = form;
  useEffect(() => {
    const s = settings.data;
    if (s) {
      initialize({
        host: s.host,
        port: s.port,
        security: s.security,
        username: s.username ?? '',
        password: '',
        clearPassword: false,
        fromName: s.fromName,
        fromAddress: s.fromAddress,
        replyTo: s.replyTo ?? '',
        hourlyLimit: s.hourlyLimit,
      });
    }
  }, [initialize, settings.data]);

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      await update.mutateAsync({
        host: v.host,
        port: Number(v.port),
        security: v.security,
        username: v.username,
        password: v.password ? v.password : undefined,
        clearPassword: v.clearPassword,
        fromName: v.fromName,
        fromAddress: v.fromAddress,
        replyTo: v.replyTo,
        hourlyLimit: Number(v.hourlyLimit),
      });
      form.setFieldValue('password', '');
      notifications.show({ color: 'teal', message: 'Mail settings saved.' });
    } catch (err) {
      setError(applyServerError(form, err));
    }
  });

  if (settings.isPending) {
    return (
      <Center p="md">
        <Loader aria-label="Loading mail settings" />
      </Center>
    );
  }
  const s = settings.data;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Life-event messages and campaigns go out through the shop’s own mailbox (Gmail, Outlook, your host’s SMTP server).
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && <Alert color="red" title="Could not save the mail settings">{error}</Alert>}
          <Group grow align="flex-start">
            <TextInput label="SMTP server" placeholder="smtp.example.com" required {...form.getInputProps('host')} />
            <NumberInput label="Port" min={1} max={65535} allowDecimal={false} maw={120} {...form.getInputProps('port')} />
          </Group>
          <div>
            <Text size="sm" fw={500} mb={4}>Security</Text>
            <SegmentedControl aria-label="Security" data={SECURITY} {...form.getInputProps('security')} />
          </div>
          <Group grow align="flex-start">
            <TextInput label="Username" autoComplete="off" {...form.getInputProps('username')} />
            <PasswordInput
              label="Password"
              autoComplete="new-password"
              placeholder={s?.passwordStored ? 'Stored (leave empty to keep it)' : ''}
              {...form.getInputProps('password')}
            />
          </Group>
          {s?.passwordStored && <Checkbox label="Forget the stored password" {...form.getInputProps('clearPassword', { type: 'checkbox' })} />}
          <Text size="xs" c="dimmed" data-testid="password-storage">{s?.passwordStorageText}</Text>
          <Group grow align="flex-start">
            <TextInput label="Sender name" required {...form.getInputProps('fromName')} />
            <TextInput label="Sender address" required {...form.getInputProps('fromAddress')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label="Reply-to address" description="Replies and unsubscribe requests go here" {...form.getInputProps('replyTo')} />
            <NumberInput label="Emails per hour at most" description="Your mailbox provider’s sending limit" min={1} allowDecimal={false} {...form.getInputProps('hourlyLimit')} />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>Save mail settings</Button>
          </Group>
        </Stack>
      </form>
      {s?.configured && (
        <Stack gap="xs">
          <Group align="flex-end">
            <TextInput label="Send a test email to" value={testTo} onChange={(e) => setTestTo(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button variant="default" onClick={() => test.mutate({ to: testTo })} loading={test.isPending} disabled={!testTo.trim()}>
              Send a test email
            </Button>
          </Group>
          {answer && (
            <Alert color={answer.sent ? 'teal' : 'red'} title={answer.sent ? 'The server accepted the test email' : 'The test email was not sent'}>
              <Text size="sm" data-testid="mail-test-answer">{answer.answer}</Text>
            </Alert>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * A life-event rule: when (event and offset), who receives it (the client, or everyone
 * related to them by a chosen word), how (email, SMS, call task) and what it says.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import type { AutomationRule, Input } from '../../../src-preload/contract';
import { ApiError, errorMessage } from '../../api';
import { applyServerError, contractRules } from '../../forms';
import { keys } from '../../keys';
import { useChannelMutation } from '../../queries';
import { useAutomationPreview, useRelationshipTypes } from '../../queries.relationships';
import { CHANNEL_LABELS, EVENT_LABELS, whenText } from './describeRule';
import { PlaceholderList } from './PlaceholderList';
import { parseWord, wordOptions, wordValue } from './words';

const THE_CLIENT = 'client';

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

type RuleValues = {
  name: string;
  event: AutomationRule['event'];
  daysBefore: number | string;
  recipient: string;
  channel: AutomationRule['channel'];
  template: string;
  active: boolean;
};

/** The rule as its channel takes it; a cleared number of days is no number at all, not 0. */
function toInput(v: RuleValues): Input<'automation-create'> {
  const word = v.recipient === THE_CLIENT ? null : parseWord(v.recipient);
  return {
    name: v.name,
    event: v.event,
    daysBefore: v.daysBefore === '' ? Number.NaN : Number(v.daysBefore),
    recipient: word ? 'related' : 'client',
    relationshipTypeId: word?.typeId ?? null,
    relationshipSide: word?.side ?? null,
    channel: v.channel,
    template: v.template,
    active: v.active,
  };
}

/** The server names the rule's relationship fields; on this form they are one "Recipient" select. */
function onRecipientField(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const issues = err.issues.map((i) =>
    i.field === 'relationshipTypeId' || i.field === 'relationshipSide' ? { ...i, field: 'recipient' } : i,
  );
  return new ApiError(err.code, err.message, issues);
}

export function AutomationForm({ rule, onDone }: { rule?: AutomationRule; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const template = useRef<HTMLTextAreaElement>(null);
  const types = useRelationshipTypes();
  const invalidate = [keys.automations];
  const create = useChannelMutation('automation-create', { form: true, invalidate });
  const update = useChannelMutation('automation-update', { form: true, invalidate });
  const form = useForm<RuleValues>({
    initialValues: {
      name: rule?.name ?? '',
      event: rule?.event ?? 'birthday',
      daysBefore: rule?.daysBefore ?? 7,
      recipient:
        rule?.recipient === 'related' && rule.relationshipTypeId !== null && rule.relationshipSide !== null && !rule.disabledReason
          ? wordValue(rule.relationshipTypeId, rule.relationshipSide)
          : rule?.recipient === 'related'
            ? ''
            : THE_CLIENT,
      channel: rule?.channel ?? 'email',
      template: rule?.template ?? '',
      active: rule?.active ?? true,
    },
    // The rule's channel checks name, template and days; who receives it is the form's own choice.
    validate: contractRules('automation-create', toInput, (v) => (v.recipient ? {} : { recipient: 'Choose who receives the message' })),
  });

  const insert = (tag: string) => {
    const el = template.current;
    const text = form.getValues().template;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    form.setFieldValue('template', text.slice(0, start) + tag + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + tag.length, start + tag.length);
    });
  };

  const submit = form.onSubmit(async (v) => {
    setError(null);
    const input = toInput(v);
    try {
      await (rule ? update.mutateAsync({ id: rule.id, ...input }) : create.mutateAsync(input));
      onDone();
    } catch (err) {
      setError(applyServerError(form, onRecipientField(err)));
    }
  });

  const recipients = [
    { value: THE_CLIENT, label: 'The client themself' },
    ...wordOptions(types.data ?? []).map((o) => ({ value: o.value, label: `Their ${o.label}` })),
  ];
  const days = Number(form.getValues().daysBefore);
  const [typed] = useDebouncedValue(form.values, 300);
  const previewWord = typed.recipient && typed.recipient !== THE_CLIENT ? parseWord(typed.recipient) : null;
  const preview = useAutomationPreview(
    typed.recipient && typed.template.trim() && Number.isInteger(Number(typed.daysBefore))
      ? {
          event: typed.event,
          daysBefore: Number(typed.daysBefore),
          recipient: previewWord ? 'related' : 'client',
          relationshipTypeId: previewWord?.typeId ?? null,
          relationshipSide: previewWord?.side ?? null,
          template: typed.template,
        }
      : null,
  );
  const shown = preview.data && !('problem' in preview.data) ? preview.data : null;
  const problem = preview.data && 'problem' in preview.data ? preview.data.problem : preview.isError ? errorMessage(preview.error) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && (
          <Alert color="red" title="Could not save the rule">
            {error}
          </Alert>
        )}
        {rule?.disabledReason && (
          <Alert color="orange" title="This rule is switched off">
            {rule.disabledReason}. Choose who receives the message to turn it back on.
          </Alert>
        )}
        <TextInput label="Rule name" required data-autofocus maxLength={80} {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label="Event" data={options(EVENT_LABELS)} allowDeselect={false} {...form.getInputProps('event')} />
          <NumberInput
            label="Days before"
            description={Number.isInteger(days) ? `Sent ${whenText(days)}. Negative numbers mean after.` : 'Negative numbers mean after.'}
            min={-60}
            max={90}
            allowDecimal={false}
            {...form.getInputProps('daysBefore')}
          />
          <Select
            label="Recipient"
            placeholder="Choose who receives it"
            data={recipients}
            allowDeselect={false}
            searchable
            {...form.getInputProps('recipient')}
          />
          <Select label="Channel" data={options(CHANNEL_LABELS)} allowDeselect={false} {...form.getInputProps('channel')} />
        </SimpleGrid>
        <Textarea
          ref={template}
          label="Template"
          required
          autosize
          minRows={3}
          maxRows={8}
          maxLength={2000}
          {...form.getInputProps('template')}
        />
        <PlaceholderList onInsert={insert} />
        <Paper withBorder p="sm" component="section" aria-label="Preview">
          <Text size="sm" fw={600}>
            {shown ? `Preview: to ${shown.recipient.name}, about ${shown.client.name}` : 'Preview'}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {shown
              ? shown.rendered
              : problem
                ? problem
                : preview.data === null
                  ? 'No client you can see fits this rule yet: link two clients this way to see the message for them.'
                  : 'Write the template to see it for one of your clients.'}
          </Text>
        </Paper>
        <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            Save rule
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

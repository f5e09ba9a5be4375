/** One client: every detail the server lets this person see, and the client's history. */
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Center, DataList, Group, Loader, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ClientDetail } from '../../../src-preload/contract';
import type { FieldGroup } from '../../../src-preload/policy';
import { errorMessage } from '../../api';
import { AuditTable } from '../../components/AuditTable';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { downloadText } from '../../download';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCalendarDate, formatDateTime, fullName } from '../../format';
import { keys } from '../../keys';
import { useCan } from '../../permissions';
import { useChannelMutation, useClient } from '../../queries';
import { ActivityTable } from './ActivityTable';
import { ClientEditForm } from './ClientEditForm';
import { formatMoney } from '../../money';
import { InteractionForm } from './InteractionForm';
import { RelationshipsPanel } from './RelationshipsPanel';
import { AssignmentPanel } from './AssignmentPanel';
import { MessagesPanel } from './MessagesPanel';
import { MergeWithDialog } from './MergeWithDialog';
import { ClientAppointments } from '../calendar/ClientAppointments';

export function ClientProfile({ id, onBack, onOpenClient }: { id: number; onBack: () => void; onOpenClient: (id: number) => void }) {
  const client = useClient(id);
  const can = useCan();
  const canSeeHistory = can('audit.read');
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [mergingWith, setMergingWith] = useState(false);
  const remove = useChannelMutation('client-delete', { invalidate: [keys.clients], gone: (input) => [input.id] });
  const unsubscribe = useChannelMutation('client-unsubscribe', { invalidate: [keys.clients, keys.messages, keys.campaigns] });
  // The export is audited, so the client's history changes with it.
  const exportData = useChannelMutation('client-data-export', { invalidate: [keys.audit] });
  const back = (
    <Button variant="subtle" onClick={onBack} px={0}>
      ← Back to clients
    </Button>
  );
  if (client.isPending) {
    return (
      <Stack align="flex-start">
        {back}
        <Center w="100%" p="xl">
          <Loader aria-label="Loading client" />
        </Center>
      </Stack>
    );
  }
  if (client.isError) {
    return (
      <Stack align="flex-start">
        {back}
        <Alert color="red" title="This client could not be opened">
          {errorMessage(client.error)}
        </Alert>
      </Stack>
    );
  }
  const c = client.data;
  // The server sends nothing for a hidden group; say so rather than show it as empty.
  const hidden = (group: FieldGroup) => c.hiddenFields.includes(group);
  return (
    <Stack>
      <div>{back}</div>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{fullName(c)}</Title>
          <StatusBadge status={c.status} />
          {c.tags.map((t) => (
            <Badge key={t} variant="outline">
              {t}
            </Badge>
          ))}
        </Group>
        <Group gap="xs">
          {can('client.edit') && (
            <Button variant="default" onClick={() => setAdding(true)}>
              Add sale, booking or note
            </Button>
          )}
          {can('client.edit') && (
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )}
          {can('client.export-data') && (
            <Button
              variant="default"
              loading={exportData.isPending}
              onClick={() =>
                exportData.mutate(
                  { id: c.id },
                  {
                    onSuccess: ({ filename, data }) => {
                      downloadText(filename, JSON.stringify(data, null, 2), 'application/json');
                      const note = data.complete ? '' : ' Fields hidden from your role were left out; an Admin can export everything.';
                      notifications.show({ color: data.complete ? 'teal' : 'orange', message: `Saved ${filename}.${note}` });
                    },
                  },
                )
              }
            >
              Export data
            </Button>
          )}
          {can('client.merge') && (
            <Button variant="default" onClick={() => setMergingWith(true)}>
              Merge with…
            </Button>
          )}
          {can('client.delete') && (
            <Button variant="default" color="red" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          )}
        </Group>
      </Group>
      <Modal opened={editing} onClose={() => setEditing(false)} title={`Edit ${fullName(c)}`} size="xl">
        <ClientEditForm client={c} onDone={() => setEditing(false)} onReload={() => { setEditing(false); void client.refetch(); }} />
      </Modal>
      {mergingWith && (
        <MergeWithDialog
          client={c}
          onClose={() => setMergingWith(false)}
          onMerged={(survivor) => {
            setMergingWith(false);
            if (survivor !== c.id) onOpenClient(survivor);
          }}
        />
      )}
      <ConfirmDialog
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={`Delete ${fullName(c)}?`}
        confirmLabel="Delete client"
        danger
        onConfirm={async () => {
          await remove.mutateAsync({ id: c.id, version: c.version });
          notifications.show({ message: `${fullName(c)} was moved to the Trash.` });
          onBack();
        }}
      >
        <Text size="sm">The client leaves lists and search but is kept for reporting. A Manager or Admin can restore it from the Trash.</Text>
      </ConfirmDialog>
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add to activity">
        <InteractionForm clientId={c.id} onDone={() => setAdding(false)} />
      </Modal>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Details title="Contact">
          <Item label="Email" hidden={hidden('contact')}>{c.email}</Item>
          <Item label="Phone" hidden={hidden('contact')}>{c.phone && <Phone client={c} />}</Item>
          <Item label="Birthday" hidden={hidden('dates')}>{c.birthday && formatCalendarDate(c.birthday)}</Item>
          <Item label="Anniversary" hidden={hidden('dates')}>{c.anniversary && formatCalendarDate(c.anniversary)}</Item>
          <Item label="Address" hidden={hidden('address')}>{address(c)}</Item>
        </Details>
        <Details title="Looked after by">
          <Item label="Assigned associate">{c.assignedStaffName ?? 'Unassigned'}</Item>
          <Item label="Home location">{c.homeLocation?.name}</Item>
          <Item label="Customer id">{c.externalId}</Item>
          <Item label="Created by">{c.createdBy?.name}</Item>
          <Item label="Created">{formatDateTime(c.createdAt)}</Item>
          <Item label="Last visit" hidden={hidden('purchases')}>{c.lastVisitAt && formatDateTime(c.lastVisitAt)}</Item>
          <Item label="Total spend" hidden={hidden('purchases')}>{c.totalSpendCents !== null && formatMoney(c.totalSpendCents)}</Item>
          <Item label="Last changed">{formatDateTime(c.updatedAt)}</Item>
        </Details>
        <Section title="Consent">
          <DataList labelWidth={150}>
            <Item label="Email">{consent(c.consent.email)}</Item>
            <Item label="Text messages">{consent(c.consent.sms)}</Item>
          </DataList>
          {can('client.edit') && c.consent.email.granted && (
            <Button
              mt="sm"
              size="xs"
              variant="default"
              loading={unsubscribe.isPending}
              onClick={() =>
                unsubscribe.mutate(
                  { clientId: c.id, source: 'profile' },
                  { onSuccess: () => notifications.show({ message: `${fullName(c)} is unsubscribed: no more emails.` }) },
                )
              }
            >
              Unsubscribe from emails
            </Button>
          )}
        </Section>
        <Section title="Notes">
          {hidden('notes') ? (
            <HiddenForRole />
          ) : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={c.notes ? undefined : 'dimmed'}>
              {c.notes ?? 'No notes'}
            </Text>
          )}
        </Section>
        <RelationshipsPanel client={c} onOpenClient={onOpenClient} />
      </SimpleGrid>
      {can('appointment.view') && <ClientAppointments client={c} />}
      <AssignmentPanel clientId={c.id} onLeftScope={onBack} />
      <Title order={3} size="h4" mt="md">
        Activity
      </Title>
      <ActivityTable clientId={c.id} />
      <MessagesPanel clientId={c.id} />
      {canSeeHistory && (
        <>
          <Title order={3} size="h4" mt="md">
            History
          </Title>
          <AuditTable filter={{ entity: 'client', entityId: c.id }} label="Client history" />
        </>
      )}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Details({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Section title={title}>
      <DataList labelWidth={150}>{children}</DataList>
    </Section>
  );
}

function Item({ label, hidden = false, children }: { label: string; hidden?: boolean; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        {hidden ? <HiddenForRole /> : empty ? <Text span c="dimmed" size="sm">—</Text> : children}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

function HiddenForRole() {
  return (
    <Text span c="dimmed" size="sm" fs="italic">
      Hidden for your role
    </Text>
  );
}

function Phone({ client }: { client: ClientDetail }) {
  if (client.phoneE164) return <>{client.phone}</>;
  return (
    <>
      {client.phone}{' '}
      <Text span c="orange" size="xs">
        (could not be read as an international number)
      </Text>
    </>
  );
}

function address({ address: a }: ClientDetail): string | null {
  const parts = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country];
  const text = parts.filter(Boolean).join(', ');
  return text || null;
}

function consent(c: ClientDetail['consent']['email']): string {
  // Withdrawn consent (an unsubscribe) says where and when.
  if (!c.granted) return c.source ? `No: ${c.source}${c.at ? `, ${formatDateTime(c.at)}` : ''}` : 'No';
  const when = c.at ? ` since ${formatDateTime(c.at)}` : '';
  return `Yes${when}${c.source ? ` (${c.source})` : ''}`;
}

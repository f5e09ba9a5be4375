/**
 * An audit row in words, for the people who read the log and a client's history: what
 * happened ("Moved to the Trash"), to whom ("Emma Thompson"), and each change as
 * "Email consent: No → Yes", with field labels from the client-field catalogue, staff,
 * client, location and role names instead of ids, and amounts, instants and calendar days
 * left typed so the screen formats them the shop's way. No JSON and no column names reach
 * a person: an unknown key reads as words ("default_assignee_id" → "Default assignee").
 */
import type { AuditChange, AuditValue } from '../../src-preload/contract';
import { ACTION_LABELS, ACTIONS, type Action } from '../../src-preload/policy';
import { CLIENT_FIELDS, REDACTED, type ClientField } from './client-fields';

/** Names for the ids rows carry; undefined when the reader may not know (a client out of scope). */
export interface AuditNames {
  staff: ReadonlyMap<number, string>;
  clients: ReadonlyMap<number, string>;
  locations: ReadonlyMap<number, string>;
  roles: ReadonlyMap<number, string>;
}

export interface AuditRowIn {
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

type IdKind = keyof AuditNames;

/** Which kind of id a key holds, by its name (column or contract spelling). */
export function idKind(key: string): IdKind | null {
  if (/^(assigned_?staff_?id|staff_?id|default_?assignee_?id|created_?by|updated_?by|(from|to|previous|new)_?staff_?id|actor_?id|owner_?id|seller_?id)$/i.test(key)) return 'staff';
  if (/^(client_?id|survivor_?id|merged_?id|merged_?into_?id|recipient_?id|related_?client_?id|(from|to)_?client_?id)$/i.test(key)) return 'clients';
  if (/^(home_?)?location_?ids?$/i.test(key)) return 'locations';
  if (/^(custom_?)?role_?id$/i.test(key)) return 'roles';
  return null;
}

/** Every id in the rows, by kind, so the service can look the names up in one query each. */
export function idsIn(rows: readonly AuditRowIn[]): Record<IdKind, Set<number>> {
  const out: Record<IdKind, Set<number>> = { staff: new Set(), clients: new Set(), locations: new Set(), roles: new Set() };
  const visit = (v: unknown, key: string | null) => {
    if (v === null || v === undefined) return;
    const kind = key ? idKind(key) : null;
    if (kind && typeof v === 'number') out[kind].add(v);
    else if (kind && Array.isArray(v)) v.forEach((x) => typeof x === 'number' && out[kind].add(x));
    else if (typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  for (const r of rows) {
    visit(r.before, null);
    visit(r.after, null);
    if (r.entityId !== null) {
      const kind = ENTITY_KIND[r.entity];
      if (kind) out[kind].add(r.entityId);
    }
  }
  return out;
}

const ENTITY_KIND: Record<string, IdKind> = { client: 'clients', staff: 'staff', location: 'locations', role: 'roles' };

const FIELD_BY_NAME = new Map<string, ClientField>();
for (const [column, f] of Object.entries(CLIENT_FIELDS) as [string, ClientField][]) {
  FIELD_BY_NAME.set(column, f);
  if (f.key) FIELD_BY_NAME.set(f.key, f);
}

/** Labels of keys that are not client fields: settings, interactions, staff, roles, imports. */
const LABELS: Record<string, string> = {
  tags: 'Tags',
  shopName: 'Shop name',
  defaultCountry: 'Default country',
  idleLockMinutes: 'Idle lock (minutes)',
  allClientsVisible: 'All staff see all clients',
  primaryCanHandOver: 'Primary staff may hand a client over',
  unassignedPool: 'Associates see Unassigned clients at their locations',
  defaultAssigneeId: 'Default assignee',
  returningClientRouting: 'Returning clients go to',
  onboardingCompletedAt: 'Onboarding completed',
  formatLocale: 'Date and number format',
  trashRetentionDays: 'Days in the Trash before erasure',
  reminderTemplate: 'Appointment reminder text',
  reminderTemplateIsDefault: 'Built-in appointment reminder text',
  amountCents: 'Amount',
  totalCents: 'Total',
  occurredAt: 'When',
  kind: 'Kind',
  locationId: 'Location',
  locationIds: 'Locations',
  staffId: 'Staff member',
  roleId: 'Role',
  customRoleId: 'Role',
  posAssociateId: 'POS id',
  username: 'Username',
  name: 'Name',
  reverseName: 'Reverse name',
  permissions: 'Permissions',
  visibility: 'Sees',
  hiddenFields: 'Hidden fields',
  active: 'Active',
  status: 'Status',
  reason: 'Reason',
  mergedRecords: 'Merged records erased',
  movedMessageIds: 'Emails moved',
  deletedAt: 'Moved to the Trash',
  rows: 'Rows',
  channel: 'Through',
};

/** Keys a person never needs to read: bookkeeping that the row's own summary already says. */
const SILENT = new Set(['interactionId', 'messageId', 'version', 'updated_at', 'updatedAt', 'id', 'erased', 'phone_rev', 'email_key', 'location_mask', 'has_interactions']);

/** "default_assignee_id" / "defaultAssigneeId" → "Default assignee". */
export function words(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .replace(/\b(id|ids)$/i, '')
    .trim()
    .toLowerCase();
  return spaced ? spaced[0]!.toUpperCase() + spaced.slice(1) : key;
}

export function labelOf(key: string): string {
  return FIELD_BY_NAME.get(key)?.label ?? LABELS[key] ?? words(key);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Columns stored as 0/1 that mean no/yes. */
const FLAG = /^(consent_(email|sms)|active|built_in|is_default|all_clients_visible|primary_can_hand_over|unassigned_pool)$/;

function valueOf(key: string, v: unknown, names: AuditNames): AuditValue {
  if (v === null || v === undefined || v === '') return null;
  if (v === REDACTED) return { text: 'Hidden for your role' };
  const kind = idKind(key);
  if (kind && typeof v === 'number') return { text: names[kind].get(v) ?? unknownName(kind) };
  if (kind && Array.isArray(v)) return { text: v.map((x) => (typeof x === 'number' ? (names[kind].get(x) ?? unknownName(kind)) : String(x))).join(', ') || 'None' };
  if (typeof v === 'boolean') return { text: v ? 'Yes' : 'No' };
  if (typeof v === 'number' && FLAG.test(key) && (v === 0 || v === 1)) return { text: v ? 'Yes' : 'No' };
  if (typeof v === 'number' && /cents$/i.test(key)) return { money: v };
  if (typeof v === 'number') return { number: v };
  if (typeof v === 'string' && ISO_INSTANT.test(v)) return { instant: v };
  if (typeof v === 'string' && CALENDAR_DAY.test(v)) return { day: v };
  if (typeof v === 'string') return { text: key === 'permissions' ? actionWords(v) : v };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return { text: v.map((x) => (key === 'permissions' && typeof x === 'string' ? actionWords(x) : String(x))).join(', ') || 'None' };
    return { text: `${v.length} ${v.length === 1 ? 'item' : 'items'}` };
  }
  return { text: 'Changed' };
}

const unknownName = (kind: IdKind) =>
  kind === 'clients' ? 'a client you cannot see' : kind === 'staff' ? 'a former staff member' : kind === 'locations' ? 'a removed location' : 'a removed role';

const isAction = (a: string): a is Action => (ACTIONS as readonly string[]).includes(a);
const actionWords = (a: string) => (isAction(a) ? ACTION_LABELS[a] : words(a));

/** One level of nesting read as its parent's field: consentEmail.granted → "Email consent", address.city → "City". */
function flatten(v: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (SILENT.has(k)) continue;
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
      for (const [k2, y] of Object.entries(x as Record<string, unknown>)) {
        if (k2 === 'granted') out.set(k, y);
        else if (FIELD_BY_NAME.has(k2)) out.set(k2, y);
        else out.set(`${k}.${k2}`, y);
      }
    } else out.set(k, x);
  }
  return out;
}

function nestedLabel(key: string): string {
  const dot = key.indexOf('.');
  if (dot < 0) return labelOf(key);
  const parent = labelOf(key.slice(0, dot));
  // consentEmail.at → "Email consent at"; consentEmail.source → "Email consent source".
  return `${parent} ${words(key.slice(dot + 1)).toLowerCase()}`;
}

const same = (a: AuditValue, b: AuditValue) => JSON.stringify(a) === JSON.stringify(b);

/** The fields a row changed, each with its label and its values before and after. */
export function changesOf(row: AuditRowIn, names: AuditNames): AuditChange[] {
  if (isErased(row.before) || isErased(row.after)) return [];
  const b = flatten(row.before);
  const a = flatten(row.after);
  const creation = row.before === null || row.before === undefined;
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  const out: AuditChange[] = [];
  for (const key of keys) {
    const after = valueOf(key, a.get(key), names);
    if (creation) {
      if (after !== null) out.push({ label: nestedLabel(key), after });
      continue;
    }
    const before = valueOf(key, b.get(key), names);
    if (!same(before, after)) out.push({ label: nestedLabel(key), before, after });
  }
  return out;
}

const isErased = (v: unknown) => typeof v === 'object' && v !== null && (v as { erased?: unknown }).erased === true;

const SUMMARIES: Record<string, string> = {
  'client.create': 'Added',
  'client.update': 'Changed',
  'client.delete': 'Moved to the Trash',
  'client.restore': 'Restored from the Trash',
  'client.purge': 'Erased',
  'client.merge': 'Another client merged into this one',
  'client.merged-into': 'Merged into another client',
  'client.assign': 'Assigned associate changed',
  'client.assign-bulk': 'Assigned associate changed (several clients at once)',
  'client.unsubscribe': 'Unsubscribed from emails',
  'client.data-export': 'Personal data exported',
  'client.export': 'Exported',
  'client.view': 'Opened',
  'client.sale.add': 'Sale recorded',
  'client.booking.add': 'Booking recorded',
  'client.note.add': 'Note added',
  'client.sale.correct': 'Sale corrected',
  'client.booking.correct': 'Booking corrected',
  'client.note.correct': 'Note corrected',
  'client.sale.remove': 'Sale removed',
  'client.booking.remove': 'Booking removed',
  'client.note.remove': 'Note removed',
  'staff.pos-id-map': 'POS id mapped',
  'client.message.add': 'Message recorded',
  'access.denied': 'Refused',
  'session.login': 'Logged in',
  'session.logout': 'Logged out',
  'session.login-failed': 'Failed login',
  'setup.create': 'Shop set up',
  'settings.update': 'Shop settings changed',
  'staff.create': 'Staff member added',
  'staff.update': 'Staff member changed',
  'staff.delete': 'Staff member removed',
  'staff.password-reset': 'Password reset',
  'staff.password-change': 'Password changed',
  'staff.working-location': 'Working location changed',
  'role.create': 'Role created',
  'role.update': 'Role changed',
  'role.delete': 'Role deleted',
  'location.create': 'Location added',
  'import.commit': 'Clients imported',
  'import.undo': 'Import undone',
  'backup.take': 'Backup taken',
  'backup.restore': 'Backup restored',
  'relationship.create': 'Relationship added',
  'relationship.delete': 'Relationship removed',
  'relationship-type.create': 'Relationship type added',
  'relationship-type.update': 'Relationship type changed',
  'relationship-type.delete': 'Relationship type deleted',
  'automation.create': 'Automation added',
  'automation.update': 'Automation changed',
  'automation.delete': 'Automation deleted',
  'mail.settings': 'Email settings changed',
  'mail.test': 'Test email sent',
  'campaign.test': 'Test campaign email sent',
  'campaign.cancel': 'Campaign cancelled',
  'segment.delete': 'Saved list deleted',
};

/** What happened, in a few words. */
export function summaryOf(row: AuditRowIn): string {
  const after = (row.after ?? {}) as Record<string, unknown>;
  if (row.action === 'client.purge' && typeof after.trashRetentionDays === 'number') {
    return `Erased automatically after more than ${after.trashRetentionDays} days in the Trash`;
  }
  if (row.action === 'access.denied' && typeof after.action === 'string') return `Refused: ${actionWords(after.action)}`;
  const known = SUMMARIES[row.action];
  if (known) return isErased(row.after) || isErased(row.before) ? `${known} (details erased)` : known;
  // outbox.done, message.sent, appointment.create…: the last word is the verb.
  const parts = row.action.split('.');
  return words(parts.length > 1 ? `${parts.slice(0, -1).join(' ')} ${parts[parts.length - 1]}` : row.action);
}

/** Whom or what the row is about: a name where the reader may know it. */
export function subjectOf(row: AuditRowIn, names: AuditNames): string | null {
  if (row.entityId === null) return row.entity === 'channel' || row.entity === 'settings' ? null : words(row.entity);
  const kind = ENTITY_KIND[row.entity];
  if (kind) return names[kind].get(row.entityId) ?? unknownName(kind);
  return `${words(row.entity)} ${row.entityId}`;
}

export function describeAudit(row: AuditRowIn, names: AuditNames): { summary: string; subject: string | null; changes: AuditChange[] } {
  // A refusal's payload (channel, action, role) is what the summary says: nothing more to list.
  const changes = row.action === 'access.denied' || (row.action === 'client.purge' && !isErased(row.after)) ? [] : changesOf(row, names);
  return { summary: summaryOf(row), subject: subjectOf(row, names), changes };
}

/** A change as one line of plain text, for the CSV export (amounts with two decimals, instants in UTC). */
export function changeText(c: AuditChange): string {
  const value = (v: AuditValue | undefined): string => {
    if (v === null || v === undefined) return '(empty)';
    if ('text' in v) return v.text;
    if ('money' in v) return (v.money / 100).toFixed(2);
    if ('number' in v) return String(v.number);
    if ('instant' in v) return `${v.instant.slice(0, 16).replace('T', ' ')} UTC`;
    return v.day;
  };
  return 'before' in c ? `${c.label}: ${value(c.before)} → ${value(c.after)}` : `${c.label}: ${value(c.after)}`;
}

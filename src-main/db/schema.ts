/**
 * Table types for Kysely. Nullable columns are `T | null`; columns with defaults are
 * `Generated<T>`; code uses the Selectable/Insertable/Updateable aliases below.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../../src-preload/contract';
import type { Visibility } from '../domain/visibility';

/** 0 or 1: SQLite has no boolean type. */
type Flag = number;

export interface StaffTable {
  id: Generated<number>;
  name: string;
  username: string;
  role: Role;
  password_hash: string;
  active: Generated<Flag>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  /** The staff member's role row: a built-in one, or a custom role derived from `role`. */
  role_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A POS associate id and the staff member it maps to (0023): one staff member may hold several. */
export interface StaffPosIdsTable {
  pos_associate_id: string;
  staff_id: number;
  created_at: string;
}

export interface RolesTable {
  id: Generated<number>;
  name: string;
  base_role: Role;
  built_in: Generated<Flag>;
  /** JSON array of actions; built-in roles take theirs from code. */
  permissions: string;
  visibility: Visibility;
  /** JSON array of field groups. */
  hidden_fields: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface LocationsTable {
  id: Generated<number>;
  name: string;
  is_default: Generated<Flag>;
  created_at: string;
}

export interface StaffLocationsTable {
  staff_id: number;
  location_id: number;
}

export interface ShopSettingsTable {
  id: number;
  shop_name: string;
  default_country: string;
  idle_lock_minutes: Generated<number>;
  default_assignee_id: number | null;
  onboarding_completed_at: string | null;
  returning_client_routing: Generated<'primary' | 'last'>;
  all_clients_visible: Generated<Flag>;
  primary_can_hand_over: Generated<Flag>;
  /** Associates see the Unassigned clients at their locations (0020). */
  unassigned_pool: Generated<Flag>;
  /** How dates and numbers read (a BCP 47 tag); null: as the shop's country reads them (0025). */
  format_locale: string | null;
  /** Days a client stays in the Trash before the daily run erases them; null: never (0025). */
  trash_retention_days: number | null;
  /** The shop's IANA time zone (0022); null: the machine's own. */
  time_zone: string | null;
  /** The appointment reminder's text, with placeholders; null: the built-in one (0022b). */
  reminder_template: Generated<string | null>;
  updated_at: string;
}

export interface ClientsTable {
  id: Generated<number>;
  first_name: string;
  last_name: Generated<string>;
  email: string | null;
  /** lower(email), computed by SQLite. */
  email_key: ColumnType<string | null, never, never>;
  phone: string | null;
  phone_e164: string | null;
  birthday: string | null;
  anniversary: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  notes: string | null;
  consent_email: Generated<Flag>;
  consent_email_at: string | null;
  consent_email_source: string | null;
  consent_sms: Generated<Flag>;
  consent_sms_at: string | null;
  consent_sms_source: string | null;
  created_by: number | null;
  assigned_staff_id: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: Generated<number>;
  /** The client's id in another system (POS, e-commerce), for matching sales. */
  external_id: string | null;
  /** Derived from interactions by triggers (0003): '' means never. */
  first_visit_at: ColumnType<string, never, never>;
  last_visit_at: ColumnType<string, never, never>;
  last_purchase_at: ColumnType<string, never, never>;
  total_spend_cents: ColumnType<number, never, never>;
  /** 1 while the client has any interaction, kept by triggers (0009). */
  has_interactions: ColumnType<Flag, never, never>;
  /** Bit n-1 set while the client was seen at location n (up to 62), kept by triggers (0014). */
  location_mask: ColumnType<number, never, never>;
  /** The phone's digits reversed, computed by SQLite, for phone-suffix search. */
  phone_rev: ColumnType<string | null, never, never>;
  merged_into_id: number | null;
  purged_at: string | null;
  /** Where the client belongs; it keeps a client_locations pair like a location the client was seen at (0020). */
  home_location_id: number | null;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
}

export interface ClientTagsTable {
  client_id: number;
  tag_id: number;
}

export type InteractionKind = 'sale' | 'booking' | 'note' | 'message';

export interface InteractionsTable {
  id: Generated<number>;
  client_id: number;
  kind: InteractionKind;
  staff_id: number | null;
  location_id: number | null;
  amount_cents: number | null;
  channel: string | null;
  added_by: number | null;
  external_id: string | null;
  /** The seller's id in the POS, as the sales file gave it, mapped to staff or not. */
  pos_associate_id: string | null;
  body: string | null;
  occurred_at: string;
  created_at: string;
}

/**
 * Who a client has worked with and where it has been seen, one row per pair, derived from
 * interactions by triggers (0008): the sets the visibility scope reads.
 */
export interface ClientStaffTable {
  staff_id: number;
  client_id: number;
  /** 1 while this staff member is also the client's assigned one (migration 0012, triggers). */
  is_assigned: Generated<Flag>;
  /** 1 while an interaction ties them; 0 for the assigned staff member's pair alone (0016). */
  worked: Generated<Flag>;
}

export interface ClientLocationsTable {
  location_id: number;
  client_id: number;
  /** 1 while the client is Unassigned (migration 0020, triggers): the location's Unassigned pool. */
  is_unassigned: Generated<Flag>;
}

export interface RelationshipTypesTable {
  id: Generated<number>;
  name: string;
  reverse_name: string;
  created_at: string;
}

export interface RelationshipsTable {
  id: Generated<number>;
  from_client_id: number;
  to_client_id: number;
  type_id: number;
  created_by: number | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}

export type AutomationChannel = 'email' | 'sms' | 'call';
export type OutboxStatus = 'due' | 'sent' | 'done' | 'skipped' | 'snoozed';

export interface AutomationRulesTable {
  id: Generated<number>;
  name: string;
  event: 'birthday' | 'anniversary';
  /** Days before the event the message is due; negative for after. */
  days_before: number;
  recipient: 'client' | 'related';
  relationship_type_id: number | null;
  /** Which word of the type the recipient is to the client: its name, or its reverse name. */
  relationship_side: 'name' | 'reverse' | null;
  channel: AutomationChannel;
  template: string;
  active: Generated<Flag>;
  disabled_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  /** The life-event rule that made the item; null for an appointment's reminder (0022b). */
  rule_id: number | null;
  client_id: number;
  recipient_id: number;
  year: number;
  event_date: string;
  due_date: string;
  channel: AutomationChannel;
  staff_id: number | null;
  rendered: string;
  reason: string;
  status: OutboxStatus;
  skip_reason: string | null;
  snoozed_until: string | null;
  created_at: string;
  updated_at: string;
  /** The appointment a reminder is for, and the start it reminds of (0022b); both null for a life event. */
  appointment_id: Generated<number | null>;
  appointment_start_at: Generated<string | null>;
}

export interface SchedulerDaysTable {
  day: string;
  created: number;
  skipped: number;
  ran_at: string;
}

export type AssignmentReason = 'manual' | 'creator' | 'default-assignee' | 'onboarding' | 'sale' | 'bulk' | 'import' | 'booking';

export interface AssignmentHistoryTable {
  id: Generated<number>;
  client_id: number;
  from_staff_id: number | null;
  to_staff_id: number | null;
  reason: AssignmentReason;
  /** JSON: the winning amount, the transaction id, the bulk batch... */
  detail: string | null;
  actor_id: number | null;
  at: string;
}

export interface SalesImportsTable {
  id: Generated<number>;
  mode: 'onboarding' | 'ongoing';
  source: string;
  actor_id: number | null;
  report: string;
  at: string;
}

export interface SalesImportProblemsTable {
  import_id: number;
  line: number;
  transaction_id: string | null;
  match_key: string | null;
  reason: string;
}

export interface ImportsTable {
  id: Generated<number>;
  kind: 'clients';
  actor_id: number | null;
  file_name: string;
  file_hash: string;
  file_bytes: number;
  /** JSON of the options the import ran with. */
  options: string;
  created: Generated<number>;
  updated: Generated<number>;
  skipped: Generated<number>;
  rejected: Generated<number>;
  first_created_id: number | null;
  last_created_id: number | null;
  at: string;
  undone_at: string | null;
  undone_by: number | null;
}

export interface ImportRowsTable {
  import_id: number;
  client_id: number;
  /** JSON: the overwritten columns as they were, and the tag links the import added. */
  before: string;
  version_after: number;
}

export interface ImportMappingsTable {
  header_key: string;
  mapping: string;
  updated_by: number | null;
  updated_at: string;
}

export interface SegmentsTable {
  id: Generated<number>;
  name: string;
  owner_id: number;
  shared: Generated<Flag>;
  /** JSON of the contract's client filters. */
  filters: string;
  created_at: string;
  updated_at: string;
}

export interface StaffPreferencesTable {
  staff_id: number;
  key: string;
  /** JSON. */
  value: string;
}

export type MailSecurity = 'starttls' | 'tls' | 'none';

/** The shop's SMTP server and sender (0021); the password is kept outside the book. */
export interface MailSettingsTable {
  id: number;
  host: string;
  port: number;
  security: MailSecurity;
  /** Null: the server takes mail without a login (a local relay). */
  username: string | null;
  from_name: string;
  from_address: string;
  reply_to: string | null;
  /** Messages a sender may hand to the server in any hour. */
  hourly_limit: number;
  updated_by: number | null;
  updated_at: string;
}

export type CampaignStatus = 'sending' | 'done' | 'cancelled';

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  subject: string;
  body: string;
  /** JSON: the list the campaign went to, as the sender chose it. */
  audience: string;
  status: CampaignStatus;
  recipients: Generated<number>;
  created_by: number;
  created_at: string;
  cancelled_at: string | null;
}

export type MessageStatus = 'queued' | 'sending' | 'retrying' | 'sent' | 'failed' | 'cancelled';
export type MessageKind = 'life-event' | 'campaign' | 'reminder';

export interface MessagesTable {
  id: Generated<number>;
  /** What the message is for; unique, so it is queued once and sent at most once. */
  idempotency_key: string;
  kind: MessageKind;
  client_id: number;
  outbox_id: number | null;
  campaign_id: number | null;
  to_address: string;
  to_name: string;
  subject: string;
  body: string;
  /** Carries the List-Unsubscribe header and the footer line. */
  marketing: Flag;
  status: MessageStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_attempt_at: string | null;
  /** The server's answer when it took the message (its queue id). */
  smtp_id: string | null;
  /** Why it is retrying or failed, in the server's words where it gave them. */
  reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** What can be booked (0022), a list the Admin keeps. */
export interface ServicesTable {
  id: Generated<number>;
  name: string;
  default_duration_minutes: number;
  active: Generated<Flag>;
  created_at: string;
  updated_at: string;
}

export type BookedThrough = 'in_store' | 'phone' | 'online' | 'walk_in';
export type AppointmentStatus = 'booked' | 'arrived' | 'completed' | 'no_show' | 'cancelled';

export interface AppointmentsTable {
  id: Generated<number>;
  client_id: number;
  staff_id: number;
  location_id: number;
  service_id: number | null;
  /** A UTC instant as toISOString() writes it. */
  start_at: string;
  duration_minutes: number;
  /** start_at plus the duration, in the same format (the schema checks the sum). */
  end_at: string;
  notes: string | null;
  booked_through: BookedThrough;
  status: Generated<AppointmentStatus>;
  cancel_reason: string | null;
  override_reason: string | null;
  /** The visit a completed appointment recorded. */
  interaction_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** A location's opening hours on an ISO weekday (1 = Monday), as local 'HH:MM' wall times. */
export interface LocationHoursTable {
  location_id: number;
  weekday: number;
  opens: string;
  closes: string;
}

/** The FTS5 search indexes over clients (0003); only their rowid is read. */
export interface ClientSearchTable {
  rowid: number;
}

export interface Database {
  staff: StaffTable;
  staff_pos_ids: StaffPosIdsTable;
  roles: RolesTable;
  locations: LocationsTable;
  staff_locations: StaffLocationsTable;
  shop_settings: ShopSettingsTable;
  clients: ClientsTable;
  tags: TagsTable;
  client_tags: ClientTagsTable;
  interactions: InteractionsTable;
  client_staff: ClientStaffTable;
  client_locations: ClientLocationsTable;
  relationship_types: RelationshipTypesTable;
  relationships: RelationshipsTable;
  audit_log: AuditLogTable;
  automation_rules: AutomationRulesTable;
  outbox: OutboxTable;
  scheduler_days: SchedulerDaysTable;
  assignment_history: AssignmentHistoryTable;
  sales_imports: SalesImportsTable;
  sales_import_problems: SalesImportProblemsTable;
  imports: ImportsTable;
  import_rows: ImportRowsTable;
  import_mappings: ImportMappingsTable;
  segments: SegmentsTable;
  staff_preferences: StaffPreferencesTable;
  mail_settings: MailSettingsTable;
  campaigns: CampaignsTable;
  messages: MessagesTable;
  services: ServicesTable;
  appointments: AppointmentsTable;
  location_hours: LocationHoursTable;
  clients_fts: ClientSearchTable;
  clients_trgm: ClientSearchTable;
  /** Trigrams of phone_rev (0024): a phone found by any run of its digits. */
  clients_phone_trgm: ClientSearchTable;
}

export type Staff = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;
export type Client = Selectable<ClientsTable>;
export type NewClient = Insertable<ClientsTable>;
export type ClientUpdate = Updateable<ClientsTable>;
export type ShopSettingsRow = Selectable<ShopSettingsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type RoleRow = Selectable<RolesTable>;
export type MailSettingsRow = Selectable<MailSettingsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type CampaignRow = Selectable<CampaignsTable>;
export type AppointmentRow = Selectable<AppointmentsTable>;
export type ServiceRow = Selectable<ServicesTable>;

/**
 * The one contract between the renderer and the main process: every channel's zod input,
 * its output type, and the events the main process pushes. The main process implements it
 * (src-main/ipc/handlers.ts), the bridge exposes it (electron.ts, web.ts), the renderer
 * calls it. The renderer is untrusted: the main process parses every payload with these
 * schemas before anything else looks at it, and no payload ever names the acting user.
 */
import { z } from 'zod';
import { BACKUP_FOLDER_MAX, BACKUP_KEEP, IDLE_LOCK_MINUTES, LIMITS } from './limits';
import { EMAIL_PATTERN } from './email';
import type { ChannelName } from './channels';
import { empty, fileId, id, isoDate, optionalText, pageSize, required, returns, trimmed } from './fields';
import { assignmentChannels } from './contract.assignment';
import { relationshipChannels } from './contract.relationships';
import { clientDataChannels } from './contract.client-data';
import { ACTIONS, FIELD_GROUPS, VISIBILITIES, type Action, type FieldGroup } from './policy';
import {
  CSV_DELIMITERS,
  DATE_ORDERS,
  DUPLICATE_POLICIES,
  EXPORT_COLUMN_IDS,
  EXPORT_PRESETS,
  IMPORT_FIELDS,
  type ExportColumnId,
  type ImportField,
} from './csv';

// ---------- results and errors ----------

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SETUP_REQUIRED',
  'UNKNOWN_CHANNEL',
  /** Clientele is restoring a backup, or is in recovery mode: try again in a moment, or restore. */
  'UNAVAILABLE',
  /** A file or folder outside the book could not be used (backup folder missing, read-only, full). */
  'STORAGE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "email" or "address.city". */
  field: string;
  message: string;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; [key: string]: unknown };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---------- shared field schemas ----------

export const ROLES = ['admin', 'manager', 'associate'] as const;
export type Role = (typeof ROLES)[number];

const username = required(LIMITS.username, 'Username')
  .toLowerCase()
  .regex(/^[a-z0-9._-]+$/, 'Username may use letters, digits, dot, dash and underscore');
const password = z
  .string()
  .min(LIMITS.passwordMin, `Password must be at least ${LIMITS.passwordMin} characters`)
  .max(LIMITS.passwordMax, `Password can be at most ${LIMITS.passwordMax} characters`);
const email = optionalText(LIMITS.email, 'Email').pipe(
  z.string().regex(EMAIL_PATTERN, 'Email is not a valid address').nullable(),
);
/** A birthday or anniversary: 'YYYY-MM-DD', or '--MM-DD' when the year is not known. */
const dayOfYear = z.union([
  isoDate,
  z
    .string()
    .regex(/^--\d{2}-\d{2}$/, 'Date must be YYYY-MM-DD, or --MM-DD without a year')
    // 2000 is a leap year, so 29 February is a valid day without a year.
    .refine((s) => {
      const d = new Date(`2000${s.slice(1)}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(4, 10) === s.slice(1);
    }, 'Date does not exist'),
], { error: 'Date must be YYYY-MM-DD, or --MM-DD without a year, and must exist' });
const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Country must be a two-letter ISO code such as US or GB');
const cursor = z.string().max(200).nullish();
const action = z.enum(ACTIONS);
const fieldGroup = z.enum(FIELD_GROUPS);
const uniqueList = <T extends z.ZodType>(item: T, label: string) =>
  z.array(item).max(100).refine((l) => new Set(l).size === l.length, `${label} lists an entry twice`);
const auditFilter = {
  actorId: id.optional(),
  action: z.string().max(60).optional(),
  entity: z.string().max(40).optional(),
  entityId: id.optional(),
  /** Instants (the renderer sends the local day's start and end). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};
/** A backup is named by its file name in the backup folder: no path may travel from the renderer. */
const backupFile = z
  .string()
  .max(200, 'Backup file name is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.db$/, 'Backup file must be a file name ending in .db, without folders');

// ---------- output types ----------

export interface AppInfo {
  version: string;
  /** True until the first Admin exists: the renderer shows the first-run screen. */
  setupNeeded: boolean;
  shopName: string | null;
  /** Active staff, for the login screen's picker. */
  loginNames: { username: string; name: string }[];
  /** Set when the book failed its checks at start: the renderer shows the recovery screen. */
  recovery: RecoveryInfo | null;
}

export interface RecoveryInfo {
  /** What is wrong with the book, in words. */
  problem: string;
  /** Where the damaged file was copied for support, or null if the copy failed. */
  damagedCopy: string | null;
  backupFolder: string;
}

export const BACKUP_REASONS = ['daily', 'manual', 'pre-migration', 'pre-import', 'pre-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupInfo {
  /** The file's name inside the backup folder; channels take this, never a path. */
  file: string;
  takenAt: string;
  /** 'unknown' for a .db file put in the folder by hand. */
  reason: BackupReason | 'unknown';
  sizeBytes: number;
  clients: number | null;
  staff: number | null;
  /** Why this file cannot be restored (damaged, not Clientele's, from a newer version), else null. */
  problem: string | null;
}

export interface BackupSettings {
  folder: string;
  defaultFolder: string;
  usingDefaultFolder: boolean;
  keepDaily: number;
  keepWeekly: number;
}

export interface BackupOverview {
  settings: BackupSettings;
  /** Newest first. */
  backups: BackupInfo[];
  /** The last automatic or manual backup that failed, until one succeeds. */
  lastError: { at: string; message: string } | null;
}

export interface StaffSummary {
  id: number;
  name: string;
  username: string;
  /** The built-in role; with a custom role, the one it derives from. */
  role: Role;
  customRoleId: number | null;
  roleName: string;
  /** Locations this person works at (for "clients at my locations" visibility). */
  locationIds: number[];
  posAssociateId: string | null;
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface SessionInfo {
  staff: { id: number; name: string; username: string; role: Role; roleName: string };
  idleLockMinutes: number;
  /** What this person may do, so the renderer can hide the rest (the main process still decides). */
  permissions: Action[];
  hiddenFields: FieldGroup[];
}

export interface LocationSummary {
  id: number;
  name: string;
  isDefault: boolean;
}

export interface RoleSummary {
  id: number;
  name: string;
  baseRole: Role;
  builtIn: boolean;
  permissions: Action[];
  visibility: (typeof VISIBILITIES)[number];
  hiddenFields: FieldGroup[];
  staffCount: number;
}

export interface ShopSettings {
  shopName: string;
  defaultCountry: string;
  idleLockMinutes: number;
  /** Every role sees every client, whatever its own visibility. */
  allClientsVisible: boolean;
  /** A client's primary staff may hand the client to a colleague. */
  primaryCanHandOver: boolean;
  /** Clients arriving without a staff member (imports, bookings) go to this person; null leaves them Unassigned. */
  defaultAssigneeId: number | null;
  /** Tasks and messages for a returning client go to the primary staff or to the last staff member they worked with. */
  returningClientRouting: 'primary' | 'last';
  onboardingCompletedAt: string | null;
}

export interface ClientSummary {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  assignedStaffId: number | null;
  assignedStaffName: string | null;
  status: 'guest' | 'existing';
  createdAt: string;
  /** Last booking or purchase; null when none. */
  lastVisitAt: string | null;
  /** Null when purchase history is hidden from this viewer. */
  totalSpendCents: number | null;
  city: string | null;
  tags: string[];
}

/** How many clients match a list's search and filters; a search count stops at `cap`. */
export interface ClientCount {
  count: number;
  capped: boolean;
}

export interface ClientDetail extends ClientSummary {
  phoneE164: string | null;
  birthday: string | null;
  anniversary: string | null;
  address: {
    line1: string | null;
    line2: string | null;
    city: string | null;
    region: string | null;
    postalCode: string | null;
    country: string | null;
  };
  notes: string | null;
  consent: {
    email: { granted: boolean; at: string | null; source: string | null };
    sms: { granted: boolean; at: string | null; source: string | null };
  };
  createdBy: { id: number; name: string } | null;
  updatedAt: string;
  version: number;
  /** Field groups withheld from this viewer; their values above are null. */
  hiddenFields: FieldGroup[];
}

/** A client in the Trash: deleted, restorable by Managers and Admins, erasable by Admins. */
export interface TrashedClient extends ClientSummary {
  deletedAt: string;
}

/** Two live clients that are likely the same person, and why. */
export interface DuplicatePair {
  a: ClientSummary;
  b: ClientSummary;
  reason: 'phone' | 'name-birthday';
}

/** The fields a merge picks field by field; each takes the survivor's value unless set to 'merged'. */
export const MERGE_FIELDS = [
  'firstName', 'lastName', 'email', 'phone', 'birthday', 'anniversary', 'address', 'notes', 'consentEmail', 'consentSms', 'assigned',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** A named set of filters: built in, private to its owner, or shared with the shop. */
export interface Segment {
  /** 'builtin:new' for the ones that ship, 'saved:12' for saved ones. */
  id: string;
  name: string;
  builtIn: boolean;
  shared: boolean;
  /** Whether the person asking may change or delete it. */
  editable: boolean;
  filters: ClientFilters;
}

export const INTERACTION_KINDS = ['sale', 'booking', 'note'] as const;

/** One line of a client's activity: a sale, booking, note or message, newest first. */
export interface Interaction {
  id: number;
  kind: 'sale' | 'booking' | 'note' | 'message';
  occurredAt: string;
  /** The staff member it was with. */
  staff: { id: number; name: string } | null;
  /** "Added By": who recorded it (a person, or null for an import or the system). */
  addedBy: { id: number; name: string } | null;
  /** "Booked Through": where it came from (In store, Phone, Import, ...). */
  channel: string | null;
  amountCents: number | null;
  body: string | null;
  locationName: string | null;
}

export interface Page<T> {
  items: T[];
  /** Opaque keyset cursor for the next page; null at the end. */
  nextCursor: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

export interface StagedFileInfo {
  fileId: string;
  name: string;
  bytes: number;
  complete: boolean;
}

export interface FileChunk {
  /** Base64 of up to FILE_CHUNK_BYTES bytes. */
  data: string;
  nextOffset: number | null;
  name: string;
  bytes: number;
}

export interface ImportInspection {
  uploadId: string;
  fileName: string;
  bytes: number;
  hash: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: (ImportField | null)[];
  /** A mapping confirmed before for this header set, or recognised from the headers. */
  mappingSource: 'saved' | 'recognised';
  duplicateHeaders: string[];
  /** The first records as parsed (header excluded). */
  preview: string[][];
  /** Earlier imports of a file with the same content. */
  previousImports: { id: number; at: string; by: string | null; undone: boolean }[];
}

export type ImportPreviewRow =
  | { line: number; ok: true; values: Partial<Record<ImportField | 'phoneE164', string | null>> }
  | { line: number; ok: false; column: string | null; reason: string };

export type RowOutcome = 'created' | 'updated' | 'skipped' | 'rejected';

export interface RowProblem {
  line: number;
  outcome: RowOutcome | 'warning';
  column: string | null;
  reason: string;
}

export interface ImportResult {
  importId: number | null;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  warnings: number;
  /** Rejections, skips and warnings, in file order, up to the first thousand. */
  problems: RowProblem[];
  problemsTruncated: boolean;
  /** The first rows' outcomes, for the dry-run table. */
  sample: { line: number; outcome: RowOutcome; name: string }[];
}

export interface ImportRunResult extends ImportResult {
  jobId: string;
  /** The rejected rows as they were plus a reason column, to download with file-read; null when none. */
  errorReportId: string | null;
}

export interface ImportSummary {
  id: number;
  at: string;
  by: string | null;
  fileName: string;
  fileHash: string;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  undoneAt: string | null;
}

export interface UndoResult {
  removed: number;
  restored: number;
  /** Clients changed since the import, left as they are now. */
  kept: { clientId: number; name: string; reason: string }[];
}

export interface ExportResult {
  fileId: string;
  fileName: string;
  rows: number;
  bytes: number;
}

// ---------- channels ----------

export const CLIENT_SORTS = ['name', 'created', 'lastVisit', 'totalSpend'] as const;
export type ClientSortBy = (typeof CLIENT_SORTS)[number];

/** The client list's filters; a saved segment is a named set of them. All are ANDed. */
export const clientFilters = z
  .object({
    /** Only clients assigned to me ("Mine"); absent or false is "All" I may see. */
    mine: z.boolean().optional(),
    status: z.enum(['guest', 'existing']).optional(),
    assigned: z.union([id, z.literal('unassigned')]).optional(),
    /** Clients carrying any of these tags. */
    tagIds: z.array(id).max(20).optional(),
    /** Clients with a booking or sale at this location. */
    locationId: id.optional(),
    created: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('new') }).strict(),
        z.object({ kind: z.literal('old') }).strict(),
        z.object({ kind: z.literal('range'), from: isoDate.optional(), to: isoDate.optional() }).strict(),
      ])
      .optional(),
    /** Bought before, but not in the last N days. */
    lapsedDays: z.number().int().min(1).max(3650).optional(),
    birthdayThisMonth: z.boolean().optional(),
    anniversaryThisMonth: z.boolean().optional(),
    consentEmail: z.boolean().optional(),
    consentSms: z.boolean().optional(),
  })
  .strict();
export type ClientFilters = z.output<typeof clientFilters>;

const clientSort = z
  .object({ by: z.enum(CLIENT_SORTS), dir: z.enum(['asc', 'desc']) })
  .strict();
export type ClientSort = z.output<typeof clientSort>;

const consentInput = z
  .object({ granted: z.boolean(), source: optionalText(60, 'Consent source') })
  .strict();

export const clientInput = z
  .object({
    firstName: required(LIMITS.personName, 'First name'),
    lastName: optionalText(LIMITS.personName, 'Last name').transform((v) => v ?? ''),
    email,
    phone: optionalText(LIMITS.phone, 'Phone'),
    phoneCountry: countryCode.nullish(),
    birthday: dayOfYear.nullish(),
    anniversary: dayOfYear.nullish(),
    address: z
      .object({
        line1: optionalText(LIMITS.addressLine, 'Address line 1'),
        line2: optionalText(LIMITS.addressLine, 'Address line 2'),
        city: optionalText(LIMITS.city, 'City'),
        region: optionalText(LIMITS.region, 'Region'),
        postalCode: optionalText(LIMITS.postalCode, 'Postal code'),
        country: countryCode.nullish(),
      })
      .strict()
      .partial()
      .optional(),
    notes: optionalText(LIMITS.notes, 'Notes'),
    consentEmail: consentInput.optional(),
    consentSms: consentInput.optional(),
  })
  .strict();

const tag = required(LIMITS.tag, 'Tag');

const csvFormat = {
  uploadId: fileId,
  encoding: z.string().trim().min(1).max(40),
  delimiter: z.enum(CSV_DELIMITERS),
};
const importMapping = {
  mapping: z
    .array(z.enum(IMPORT_FIELDS).nullable())
    .min(1)
    .max(1000)
    .refine((m) => {
      const used = m.filter((f) => f !== null);
      return new Set(used).size === used.length;
    }, 'Each field can be mapped from one column only')
    .refine((m) => m.includes('firstName'), 'Map a column to First name'),
  dateOrder: z.enum(DATE_ORDERS).default('ymd'),
};
export const importRunInput = z
  .object({
    ...csvFormat,
    ...importMapping,
    onDuplicate: z.enum(DUPLICATE_POLICIES).default('skip'),
    assign: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('default') }).strict(),
        z.object({ kind: z.literal('unassigned') }).strict(),
        z.object({ kind: z.literal('me') }).strict(),
        z.object({ kind: z.literal('staff'), staffId: id }).strict(),
        z.object({ kind: z.literal('column') }).strict(),
      ])
      .default({ kind: 'default' }),
    tags: z.array(tag).max(20).default([]),
    dryRun: z.boolean(),
  })
  .strict();

export const exportInput = z
  .object({
    preset: z.enum(EXPORT_PRESETS).default('clientele'),
    /** Chosen columns in order; empty or missing means the preset's. */
    columns: z.array(z.enum(EXPORT_COLUMN_IDS)).max(EXPORT_COLUMN_IDS.length).optional(),
    query: trimmed(LIMITS.searchQuery, 'Search').optional(),
    ids: z.array(id).max(100_000).optional(),
    /** A segment's clients ('builtin:new' or 'saved:12', as segment-list gives them). */
    segmentId: z
      .string()
      .regex(/^(builtin:[a-z0-9-]{1,40}|saved:[1-9][0-9]{0,15})$/, 'Not a segment id')
      .optional(),
    /** Excel-safe (BOM, CRLF, formulas neutralised) or plain for round trips. */
    mode: z.enum(['excel', 'plain']).default('excel'),
  })
  .strict();

/** A bulk action's clients: the ones picked, or every client matching a search and filters. */
const bulkTarget = z.union([
  z.object({ ids: z.array(id).min(1).max(LIMITS.pageSize) }).strict(),
  z.object({ all: z.object({ query: trimmed(LIMITS.searchQuery, 'Search').optional(), filters: clientFilters.default({}) }).strict() }).strict(),
]);

/** Every profile field is optional on edit: absent means unchanged, empty means cleared. */
export const clientUpdateInput = clientInput
  .partial()
  .extend({
    id,
    /** The version the person opened; a save over a newer one is refused (CONFLICT). */
    version: z.number().int().positive(),
    tags: z.array(required(LIMITS.tag, 'Tag')).max(50, 'At most 50 tags').optional(),
  })
  .strict();

export const contract = {
  ...relationshipChannels,
  ...assignmentChannels,
  ...clientDataChannels,
  'app-info': { input: empty, output: returns<AppInfo>() },
  'setup-create': {
    input: z
      .object({
        shopName: required(LIMITS.shopName, 'Shop name'),
        defaultCountry: countryCode.default('US'),
        name: required(LIMITS.personName, 'Name'),
        username,
        password,
      })
      .strict(),
    output: returns<SessionInfo>(),
  },
  'session-login': {
    input: z
      .object({
        username: trimmed(LIMITS.username, 'Username').toLowerCase().min(1, 'Username is required'),
        password: z.string().min(1, 'Password is required').max(LIMITS.passwordMax),
      })
      .strict(),
    output: returns<SessionInfo>(),
  },
  'session-get': { input: empty, output: returns<SessionInfo | null>() },
  'session-logout': { input: empty, output: returns<null>() },
  'session-lock': { input: empty, output: returns<null>() },
  /** The person is working (typing, clicking) without calling anything: keeps the idle lock away. */
  'session-activity': { input: empty, output: returns<null>() },
  'password-change': {
    input: z.object({ current: z.string().min(1).max(LIMITS.passwordMax), next: password }).strict(),
    output: returns<null>(),
  },
  'settings-get': { input: empty, output: returns<ShopSettings>() },
  'settings-update': {
    input: z
      .object({
        shopName: required(LIMITS.shopName, 'Shop name'),
        defaultCountry: countryCode,
        idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max),
        allClientsVisible: z.boolean(),
        primaryCanHandOver: z.boolean(),
        defaultAssigneeId: id.nullable(),
        returningClientRouting: z.enum(['primary', 'last']),
      })
      .partial()
      .strict(),
    output: returns<ShopSettings>(),
  },
  'staff-list': { input: empty, output: returns<StaffSummary[]>() },
  'staff-create': {
    input: z
      .object({
        name: required(LIMITS.personName, 'Name'),
        username,
        role: z.enum(ROLES),
        customRoleId: id.nullish(),
        posAssociateId: optionalText(LIMITS.posAssociateId, 'POS associate id'),
        locationIds: uniqueList(id, 'Locations').optional(),
        password,
      })
      .strict(),
    output: returns<StaffSummary>(),
  },
  'staff-update': {
    input: z
      .object({
        id,
        name: required(LIMITS.personName, 'Name').optional(),
        role: z.enum(ROLES).optional(),
        customRoleId: id.nullish(),
        posAssociateId: optionalText(LIMITS.posAssociateId, 'POS associate id').optional(),
        locationIds: uniqueList(id, 'Locations').optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    output: returns<StaffSummary>(),
  },
  'staff-reset-password': {
    input: z.object({ id, password }).strict(),
    output: returns<StaffSummary>(),
  },
  'staff-delete': { input: z.object({ id }).strict(), output: returns<null>() },
  'client-list': {
    input: z
      .object({
        query: trimmed(LIMITS.searchQuery, 'Search').optional(),
        filters: clientFilters.default({}),
        /** Ignored while searching: search results come unranked, as fast as they are found. */
        sort: clientSort.default({ by: 'name', dir: 'asc' }),
        cursor,
        limit: pageSize,
      })
      .strict(),
    output: returns<Page<ClientSummary>>(),
  },
  'client-count': {
    input: z
      .object({ query: trimmed(LIMITS.searchQuery, 'Search').optional(), filters: clientFilters.default({}) })
      .strict(),
    output: returns<ClientCount>(),
  },
  'client-get': { input: z.object({ id }).strict(), output: returns<ClientDetail>() },
  'client-create': { input: clientInput, output: returns<ClientDetail>() },
  'client-update': { input: clientUpdateInput, output: returns<ClientDetail>() },
  'client-interaction-add': {
    input: z
      .object({
        clientId: id,
        kind: z.enum(INTERACTION_KINDS),
        /** When it happened; now when absent. */
        occurredAt: z.iso.datetime({ offset: true, error: 'Date and time must be a full ISO timestamp' }).optional(),
        amountCents: z.number().int().min(-100_000_000).max(100_000_000).optional(),
        channel: optionalText(40, 'Booked through'),
        body: optionalText(LIMITS.notes, 'Note'),
      })
      .strict()
      .refine((v) => v.kind !== 'sale' || v.amountCents !== undefined, { path: ['amountCents'], message: 'A sale needs an amount' })
      .refine((v) => v.kind !== 'note' || !!v.body, { path: ['body'], message: 'A note needs some text' }),
    output: returns<Interaction>(),
  },
  'client-activity': {
    input: z.object({ clientId: id, cursor, limit: pageSize }).strict(),
    output: returns<Page<Interaction>>(),
  },
  'client-delete': { input: z.object({ id, version: z.number().int().positive() }).strict(), output: returns<null>() },
  'client-trash': { input: z.object({ cursor, limit: pageSize }).strict(), output: returns<Page<TrashedClient>>() },
  'client-restore': { input: z.object({ id }).strict(), output: returns<ClientDetail>() },
  'client-purge': {
    input: z.object({ id, confirm: z.literal('ERASE', { error: 'Type ERASE to confirm' }) }).strict(),
    output: returns<null>(),
  },
  'client-duplicates': {
    input: z.object({ reason: z.enum(['phone', 'name-birthday']).default('phone'), cursor, limit: pageSize }).strict(),
    output: returns<Page<DuplicatePair>>(),
  },
  'client-merge': {
    input: z
      .object({
        survivorId: id,
        survivorVersion: z.number().int().positive(),
        mergedId: id,
        mergedVersion: z.number().int().positive(),
        /** Fields whose value comes from the merged client; every other field keeps the survivor's. */
        take: z.array(z.enum(MERGE_FIELDS)).max(MERGE_FIELDS.length).default([]),
      })
      .strict()
      .refine((v) => v.survivorId !== v.mergedId, { path: ['mergedId'], message: 'Pick two different clients' }),
    output: returns<ClientDetail>(),
  },
  'segment-list': { input: empty, output: returns<Segment[]>() },
  'segment-save': {
    input: z
      .object({
        id: id.optional(),
        name: required(60, 'Segment name'),
        shared: z.boolean().default(false),
        filters: clientFilters,
      })
      .strict(),
    output: returns<Segment>(),
  },
  'segment-delete': { input: z.object({ id }).strict(), output: returns<null>() },
  'client-bulk-tag': {
    input: z
      .object({
        target: bulkTarget,
        tag: required(LIMITS.tag, 'Tag'),
        /** Untag instead of tag. */
        remove: z.boolean().default(false),
      })
      .strict(),
    output: returns<{ affected: number }>(),
  },
  'client-bulk-delete': { input: z.object({ target: bulkTarget }).strict(), output: returns<{ affected: number }>() },
  /** The person's own list settings (columns and their order), remembered across sessions. */
  'prefs-get': { input: empty, output: returns<{ clientColumns: string[] | null }>() },
  'prefs-set': {
    input: z.object({ clientColumns: z.array(z.string().regex(/^[a-zA-Z]{1,20}$/)).max(20) }).strict(),
    output: returns<null>(),
  },
  'backup-list': { input: empty, output: returns<BackupOverview>() },
  'backup-take': { input: empty, output: returns<BackupInfo>() },
  'backup-settings-update': {
    input: z
      .object({
        /** null goes back to the default folder inside the data folder. */
        folder: z.string().trim().min(1, 'Backup folder is required').max(BACKUP_FOLDER_MAX, `Backup folder can be at most ${BACKUP_FOLDER_MAX} characters`).nullable(),
        keepDaily: z.number().int().min(BACKUP_KEEP.daily.min).max(BACKUP_KEEP.daily.max),
        keepWeekly: z.number().int().min(BACKUP_KEEP.weekly.min).max(BACKUP_KEEP.weekly.max),
      })
      .partial()
      .strict(),
    output: returns<BackupSettings>(),
  },
  'backup-inspect': { input: z.object({ file: backupFile }).strict(), output: returns<BackupInfo>() },
  'backup-restore': { input: z.object({ file: backupFile }).strict(), output: returns<null>() },
  'recovery-list': { input: empty, output: returns<{ folder: string; backups: BackupInfo[] }>() },
  'recovery-restore': {
    input: z
      .object({
        file: backupFile,
        username: trimmed(LIMITS.username, 'Username').toLowerCase().min(1, 'Username is required'),
        password: z.string().min(1, 'Password is required').max(LIMITS.passwordMax),
      })
      .strict(),
    output: returns<null>(),
  },
  'file-upload': {
    input: z
      .object({
        uploadId: fileId.nullable(),
        name: trimmed(255, 'File name').min(1, 'File name is required'),
        offset: z.number().int().min(0),
        data: z.string().max(Math.ceil((1024 * 1024 * 4) / 3) + 4, 'A chunk can be at most 1 MB'),
        last: z.boolean(),
      })
      .strict(),
    output: returns<StagedFileInfo>(),
  },
  'file-read': {
    input: z.object({ fileId, offset: z.number().int().min(0) }).strict(),
    output: returns<FileChunk>(),
  },
  'import-inspect': {
    input: z
      .object({ uploadId: fileId, encoding: csvFormat.encoding.optional(), delimiter: csvFormat.delimiter.optional() })
      .strict(),
    output: returns<ImportInspection>(),
  },
  'import-preview': {
    input: z.object({ ...csvFormat, ...importMapping }).strict(),
    output: returns<ImportPreviewRow[]>(),
  },
  'import-run': { input: importRunInput, output: returns<ImportRunResult>() },
  'import-history': { input: empty, output: returns<ImportSummary[]>() },
  'import-undo': { input: z.object({ importId: id }).strict(), output: returns<UndoResult>() },
  'job-cancel': { input: z.object({ jobId: z.string().uuid('Not a valid job id') }).strict(), output: returns<null>() },
  'export-columns': { input: empty, output: returns<{ id: ExportColumnId; label: string }[]>() },
  'export-clients': { input: exportInput, output: returns<ExportResult>() },
  'audit-list': {
    input: z.object({ ...auditFilter, cursor, limit: pageSize }).strict(),
    output: returns<Page<AuditEntry>>(),
  },
  'audit-export': {
    input: z.object(auditFilter).strict(),
    output: returns<{ filename: string; csv: string; rows: number }>(),
  },
  'location-list': { input: empty, output: returns<LocationSummary[]>() },
  'location-create': {
    input: z.object({ name: required(LIMITS.locationName, 'Location name') }).strict(),
    output: returns<LocationSummary>(),
  },
  'role-list': { input: empty, output: returns<RoleSummary[]>() },
  'role-create': {
    input: z
      .object({
        name: required(LIMITS.roleName, 'Role name'),
        baseRole: z.enum(ROLES),
        permissions: uniqueList(action, 'Permissions').optional(),
        visibility: z.enum(VISIBILITIES).optional(),
        hiddenFields: uniqueList(fieldGroup, 'Hidden fields').optional(),
      })
      .strict(),
    output: returns<RoleSummary>(),
  },
  'role-update': {
    input: z
      .object({
        id,
        name: required(LIMITS.roleName, 'Role name').optional(),
        permissions: uniqueList(action, 'Permissions').optional(),
        visibility: z.enum(VISIBILITIES).optional(),
        hiddenFields: uniqueList(fieldGroup, 'Hidden fields').optional(),
      })
      .strict(),
    output: returns<RoleSummary>(),
  },
  'role-delete': { input: z.object({ id }).strict(), output: returns<null>() },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: unknown }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What the renderer may pass (before defaults and transforms). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What the main process receives after parsing. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

// ---------- events (main -> renderer) ----------

export interface Events {
  /** The session ended without the renderer asking: idle lock, or the account was deactivated. */
  'session-ended': { reason: 'idle' | 'deactivated' | 'logout' | 'disconnected' | 'restored' };
  /**
   * What the logged-in person may do or see changed (an Admin edited their staff record or
   * their role, or opened or closed all clients to every role): the renderer reloads the session. The main process already applies the
   * change on the next call; this only keeps the screens from offering stale actions.
   */
  'session-changed': { reason: 'staff' | 'role' | 'settings' };
  /** A backup failed (folder missing, read-only, full): sent to logged-in Admins. */
  'backup-failed': { at: string; message: string };
  /** Progress of a long job (imports, exports, onboarding). */
  'job-progress': { jobId: string; phase: string; done: number; total: number | null; rows?: number };
}
export type EventName = keyof Events;

/** The API both bridges expose to the renderer, identically. */
export interface ClienteleApi {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** Turns a zod error into the contract's field issues, naming each field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));
}

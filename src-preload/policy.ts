/**
 * The names the policy speaks in, shared by the main process (which decides) and the
 * renderer (which only shows the matrix and hides what a person may not do — as a
 * convenience, never as the enforcement).
 */
export const ACTIONS = [
  'session.use',
  'client.view',
  'client.create',
  'client.edit',
  /** Move to the Trash the clients assigned to me. */
  'client.delete',
  /** Move to the Trash clients assigned to someone else, or Unassigned. */
  'client.delete-others',
  'client.restore',
  'client.purge',
  'client.merge',
  /** Export everything held about one client, for an access request. */
  'client.export-data',
  'client.assign-self',
  'client.assign-others',
  'client.unassign-self',
  'client.unassign-others',
  'client.hand-over',
  'relationship-type.manage',
  'automation.manage',
  /** Send email campaigns; retry or cancel a client's email by hand. */
  'email.send',
  'client.link',
  'import',
  'export',
  /** Export CSV as plain text, without the guard against spreadsheet formulas. */
  'export.unsafe',
  'staff.manage',
  'roles.manage',
  'settings.change',
  'audit.read',
  /** Take, list and inspect backups; choose the backup folder and retention. */
  'backup.manage',
  /** Replace the book with a backup. */
  'backup.restore',
  /** See the appointments in one's reach: one's own, one's locations', one's clients'. */
  'appointment.view',
  /** Book appointments with oneself; move, change and cancel one's own. */
  'appointment.book',
  /** Book an appointment with another staff member, or give one's own to another. */
  'appointment.book-others',
  /** Move, resize or change the status of another staff member's appointment. */
  'appointment.move-others',
  /** Cancel or restore another staff member's appointment. */
  'appointment.cancel-others',
  /** Keep the list of services that can be booked. */
  'appointment.services',
  /** Set the locations' opening hours. */
  'appointment.hours',
  /** See reports (new clients, conversion, lapsed clients, appointments) counted within one's scope. */
  'report.view',
  /** Record a sale, booking or note by hand with another staff member (for a colleague). */
  'interaction.record-others',
  /** Correct or remove a sale, booking or note someone else recorded (one's own needs only client.edit). */
  'interaction.correct-others',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Each action as the end of "… cannot <label>": the refusal messages and the Roles matrix both read it. */
export const ACTION_LABELS: Record<Action, string> = {
  'session.use': 'use Clientele',
  'client.view': 'view clients',
  'client.create': 'add clients',
  'client.edit': 'edit clients',
  'client.delete': 'move their own clients to the Trash',
  'client.delete-others': 'move other staff’s or Unassigned clients to the Trash',
  'client.restore': 'restore deleted clients',
  'client.purge': 'erase clients for good',
  'client.merge': 'merge clients',
  'client.export-data': 'export a client’s personal data',
  'client.assign-self': 'assign themselves to Unassigned clients',
  'client.assign-others': 'assign clients to anyone',
  'client.unassign-self': 'unassign themselves',
  'client.unassign-others': 'unassign other staff',
  'client.hand-over': 'hand their own clients to a colleague',
  'relationship-type.manage': 'manage relationship types',
  'automation.manage': 'manage life-event automations',
  'email.send': 'send email campaigns or retry and cancel emails',
  'client.link': 'link clients to each other',
  import: 'import CSV files',
  export: 'export CSV files',
  'export.unsafe': 'export CSV files without formula protection',
  'staff.manage': 'manage staff',
  'roles.manage': 'manage roles and permissions',
  'settings.change': 'change shop settings',
  'audit.read': 'read the audit log',
  'backup.manage': 'manage backups',
  'backup.restore': 'restore a backup',
  'appointment.view': 'view appointments',
  'appointment.book': 'book, move and cancel their own appointments',
  'appointment.book-others': 'book appointments for other staff',
  'appointment.move-others': 'move or change other staff’s appointments',
  'appointment.cancel-others': 'cancel or restore other staff’s appointments',
  'appointment.services': 'manage the list of services',
  'appointment.hours': 'set opening hours',
  'report.view': 'see reports',
  'interaction.record-others': 'record sales, bookings and notes for other staff',
  'interaction.correct-others': 'correct or remove sales, bookings and notes other staff recorded',
};

/** Groups of client-card fields a role can be kept from seeing. */
export const FIELD_GROUPS = ['contact', 'address', 'dates', 'notes', 'purchases', 'tags'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export const FIELD_GROUP_LABELS: Record<FieldGroup, string> = {
  contact: 'Contact details (email, phone)',
  address: 'Address',
  dates: 'Birthday and anniversary',
  notes: 'Notes',
  purchases: 'Purchase history and spend',
  tags: 'Tags',
};

export const VISIBILITIES = ['all', 'locations', 'own'] as const;

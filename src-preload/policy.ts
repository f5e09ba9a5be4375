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
  'client.delete',
  'client.restore',
  'client.purge',
  'client.merge',
  'client.assign-self',
  'client.assign-others',
  'client.unassign-self',
  'client.unassign-others',
  'client.hand-over',
  'relationship-type.manage',
  'client.link',
  'import',
  'export',
  'staff.manage',
  'roles.manage',
  'settings.change',
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

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

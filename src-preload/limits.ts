/**
 * Every length limit in Clientele, in one place. The contract enforces them on every
 * channel; the schema's CHECK constraints repeat the hard ones so that nothing that slips
 * past the contract (a script, a future channel) can store more.
 *
 * Lengths are in characters (UTF-16 code units, as JavaScript counts them).
 */
export const LIMITS = {
  shopName: 120,
  personName: 80,
  username: 40,
  passwordMin: 10,
  passwordMax: 256,
  email: 254,
  phone: 40,
  posAssociateId: 40,
  addressLine: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  notes: 10_000,
  tag: 40,
  locationName: 80,
  relationshipName: 60,
  roleName: 60,
  searchQuery: 200,
  pageSize: 500,
} as const;

/** Minutes of inactivity before a session locks; 0 turns the idle lock off. */
export const IDLE_LOCK_MINUTES = { min: 0, max: 480, default: 15 } as const;

/** Days a client may stay in the Trash before the daily run erases them, when the shop turns that on. */
export const TRASH_RETENTION_DAYS = { min: 1, max: 3650 } as const;

/** Failed logins before an account is locked out, and for how long. */
export const LOGIN_LOCKOUT = { attempts: 5, minutes: 15 } as const;

/** Backup retention: how many daily and weekly backups the backup folder keeps. */
export const BACKUP_KEEP = {
  daily: { min: 1, max: 90, default: 7 },
  weekly: { min: 0, max: 104, default: 4 },
} as const;

/** Longest backup folder path an Admin may set. */
export const BACKUP_FOLDER_MAX = 1000;

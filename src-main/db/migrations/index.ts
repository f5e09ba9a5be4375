/**
 * The static migration provider: every migration imported by name, so bundling keeps them
 * (a folder-scanning provider finds nothing inside an asar). Names sort in run order.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-roles';
import * as m0003 from './0003-client-book';
import * as m0004 from './0004-imports';
import * as m0005 from './0005-application-id';
import * as m0006 from './0006-automations';
import * as m0007 from './0007-assignment';
import * as m0008 from './0008-client-membership';
import * as m0009 from './0009-client-seen';
import * as m0010 from './0010-phone-suffix';
import * as m0011 from './0011-erasure-lookups';
import * as m0012 from './0012-client-staff-assigned';
import * as m0014 from './0014-client-location-mask';
import * as m0015 from './0015-search-prefix-four';
import * as m0016 from './0016-client-staff-assigned-pairs';
import * as m0017 from './0017-location-counts-dates';
import * as m0018 from './0018-phone-suffix-index-whole';
import * as m0019 from './0019-phone-suffix-key-buckets';
import * as m0020 from './0020-client-home-location';
import * as m0021 from './0021-email';
import * as m0022 from './0022-appointments';
import * as m0022b from './0022b-appointment-reminders';
import * as m0023 from './0023-staff-pos-ids';
import * as m0024 from './0024-phone-middle-search';
import * as m0024a from './0024a-duplicate-keys';
import * as m0025 from './0025-shop-format-trash-retention';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-roles': m0002,
  '0003-client-book': m0003,
  '0004-imports': m0004,
  '0005-application-id': m0005,
  '0006-automations': m0006,
  '0007-assignment': m0007,
  '0008-client-membership': m0008,
  '0009-client-seen': m0009,
  '0010-phone-suffix': m0010,
  '0011-erasure-lookups': m0011,
  '0012-client-staff-assigned': m0012,
  '0014-client-location-mask': m0014,
  '0015-search-prefix-four': m0015,
  '0016-client-staff-assigned-pairs': m0016,
  '0017-location-counts-dates': m0017,
  '0018-phone-suffix-index-whole': m0018,
  '0019-phone-suffix-key-buckets': m0019,
  '0020-client-home-location': m0020,
  '0021-email': m0021,
  '0022-appointments': m0022,
  '0022b-appointment-reminders': m0022b,
  '0023-staff-pos-ids': m0023,
  '0024-phone-middle-search': m0024,
  '0024a-duplicate-keys': m0024a,
  '0025-shop-format-trash-retention': m0025,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

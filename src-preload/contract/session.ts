/** First run, logging in and out, the idle lock, one's own password and list settings. */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { empty, id, required, returns } from '../fields';
import type { Action, FieldGroup } from '../policy';
import type { RecoveryInfo } from './backups';
import { channel, countryCode, credentials, password, username, type Role } from './shared';

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

export interface SessionInfo {
  staff: { id: number; name: string; username: string; role: Role; roleName: string };
  idleLockMinutes: number;
  /** What this person may do, so the renderer can hide the rest (the main process still decides). */
  permissions: Action[];
  hiddenFields: FieldGroup[];
  /**
   * Where this person works today: their only location, the one they picked for today among
   * theirs, else the first of theirs, else the shop's default. Clients they create get it as
   * their home; what they record happens there unless they say otherwise.
   */
  workingLocation: { id: number; name: string } | null;
  /** The locations they may pick from: their own, or every location when they have none. */
  workingLocations: { id: number; name: string }[];
}

export const sessionChannels = {
  'app-info': channel({ input: empty, output: returns<AppInfo>(), sample: {} }),
  'setup-create': channel({
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
    sample: { shopName: 'Maison Test', defaultCountry: 'US', name: 'Ada Admin', username: 'ada', password: 'correct horse battery' },
  }),
  'session-login': channel({
    input: z.object(credentials).strict(),
    output: returns<SessionInfo>(),
    sample: { username: 'ada', password: 'correct horse battery' },
  }),
  'session-get': channel({ input: empty, output: returns<SessionInfo | null>(), sample: {} }),
  'session-logout': channel({ input: empty, output: returns<null>(), sample: {} }),
  'session-lock': channel({ input: empty, output: returns<null>(), sample: {} }),
  /** The person is working (typing, clicking) without calling anything: keeps the idle lock away. */
  'session-activity': channel({ input: empty, output: returns<null>(), sample: {} }),
  /** Where the person works for the rest of today, among their working locations. */
  'session-location-set': channel({ input: z.object({ locationId: id }).strict(), output: returns<SessionInfo>(), sample: { locationId: 1 } }),
  'password-change': channel({
    input: z.object({ current: z.string().min(1, 'Enter your current password').max(LIMITS.passwordMax), next: password }).strict(),
    output: returns<null>(),
    sample: { current: 'a long enough password', next: 'another long password' },
  }),
  /** The person's own list settings (columns and their order), remembered across sessions. */
  'prefs-get': channel({ input: empty, output: returns<{ clientColumns: string[] | null }>(), sample: {} }),
  'prefs-set': channel({
    input: z.object({ clientColumns: z.array(z.string().regex(/^[a-zA-Z]{1,20}$/)).max(20) }).strict(),
    output: returns<null>(),
    sample: { clientColumns: ['name', 'email', 'phone'] },
  }),
} as const;

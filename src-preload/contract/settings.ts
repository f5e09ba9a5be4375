/** The shop's settings: name, country, idle lock, who sees which clients, assignment rules. */
import { z } from 'zod';
import { IDLE_LOCK_MINUTES, LIMITS, TRASH_RETENTION_DAYS } from '../limits';
import { empty, id, required, returns, wholeNumber } from '../fields';
import { channel, countryCode } from './shared';

export interface ShopSettings {
  shopName: string;
  defaultCountry: string;
  idleLockMinutes: number;
  /** Every role sees every client, whatever its own visibility. */
  allClientsVisible: boolean;
  /** A client's primary staff may hand the client to a colleague. */
  primaryCanHandOver: boolean;
  /** Associates see the Unassigned clients whose home or an interaction is at their locations, so they can claim them. */
  unassignedPool: boolean;
  /** Clients arriving without a staff member (imports, bookings) go to this person; null leaves them Unassigned. */
  defaultAssigneeId: number | null;
  /** Tasks and messages for a returning client go to the primary staff or to the last staff member they worked with. */
  returningClientRouting: 'primary' | 'last';
  onboardingCompletedAt: string | null;
  /** How dates and numbers read on every screen (a BCP 47 tag); null: as the shop's country reads them. */
  formatLocale: string | null;
  /** Clients in the Trash longer than this many days are erased by the daily run; null: never. */
  trashRetentionDays: number | null;
  /** The shop's IANA time zone: its days and opening hours are local to it. */
  timeZone: string;
  /** True while no zone is set and the machine's own is used. */
  timeZoneFromSystem: boolean;
  /** The text of the email (or task) reminding a client of an appointment the day before. */
  reminderTemplate: string;
  /** True while the built-in text is used. */
  reminderTemplateIsDefault: boolean;
}

/** What an appointment reminder's text may name, each as {{name}}. */
export const REMINDER_PLACEHOLDERS = [
  'client.first_name',
  'client.last_name',
  'appointment.date',
  'appointment.time',
  'staff.name',
  'location.name',
  'service.name',
  'shop.name',
] as const;
export type ReminderPlaceholder = (typeof REMINDER_PLACEHOLDERS)[number];

export const DEFAULT_REMINDER_TEMPLATE =
  'Hello {{client.first_name}},\n\nThis is a reminder of your appointment at {{shop.name}} on {{appointment.date}} at {{appointment.time}} with {{staff.name}} ({{location.name}}).\n\nWe look forward to seeing you.';

/** The placeholders a text names that a reminder does not know. */
export function unknownReminderPlaceholders(template: string): string[] {
  const names = [...template.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !(REMINDER_PLACEHOLDERS as readonly string[]).includes(n)))];
}

const reminderTemplate = required(2000, 'Reminder text').superRefine((text, ctx) => {
  const unknown = unknownReminderPlaceholders(text);
  if (unknown.length) ctx.addIssue({ code: 'custom', message: `Unknown placeholder${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => `{{${u}}}`).join(', ')}` });
});

/** A BCP 47 tag a browser can format with ('en-GB', 'de-DE'); anything else is refused here, not at the first screen that formats. */
const formatLocale = z
  .string()
  .min(2)
  .max(35)
  .refine((tag) => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 1;
    } catch {
      return false;
    }
  }, 'Choose a date and number format from the list');

/** An IANA time zone this machine knows, such as Europe/Paris. */
const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Not a time zone this computer knows (use a name such as Europe/Paris)');

export const settingsChannels = {
  'settings-get': channel({ input: empty, output: returns<ShopSettings>(), sample: {} }),
  'settings-update': channel({
    input: z
      .object({
        shopName: required(LIMITS.shopName, 'Shop name'),
        defaultCountry: countryCode,
        idleLockMinutes: wholeNumber(IDLE_LOCK_MINUTES, `Enter a number of minutes from ${IDLE_LOCK_MINUTES.min} to ${IDLE_LOCK_MINUTES.max} (0 turns the lock off)`),
        allClientsVisible: z.boolean(),
        primaryCanHandOver: z.boolean(),
        unassignedPool: z.boolean(),
        defaultAssigneeId: id.nullable(),
        returningClientRouting: z.enum(['primary', 'last']),
        formatLocale: formatLocale.nullable(),
        trashRetentionDays: wholeNumber(TRASH_RETENTION_DAYS, `Enter a number of days from ${TRASH_RETENTION_DAYS.min} to ${TRASH_RETENTION_DAYS.max}`).nullable(),
        /** Null: use the machine's own. */
        timeZone: timeZone.nullable(),
        /** Null: back to the built-in text. */
        reminderTemplate: reminderTemplate.nullable(),
      })
      .partial()
      .strict(),
    output: returns<ShopSettings>(),
    sample: { shopName: 'Maison Sample', idleLockMinutes: 30 },
  }),
} as const;

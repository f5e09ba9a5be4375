/** Clients: the list and its filters, counts, one profile, adding and editing, bulk tagging and deleting. */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { id, isoDate, optionalText, pageSize, required, returns, trimmed } from '../fields';
import type { FieldGroup } from '../policy';
import { channel, countryCode, cursor, dayOfYear, email, type Page } from './shared';

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
  /** The POS's id for the client (Shopify's Customer ID): a sales file names the client by it. */
  externalId: string | null;
  consent: {
    email: { granted: boolean; at: string | null; source: string | null };
    sms: { granted: boolean; at: string | null; source: string | null };
  };
  createdBy: { id: number; name: string } | null;
  /** Where the client belongs: the creator's working location, or an import's location. */
  homeLocation: { id: number; name: string } | null;
  updatedAt: string;
  version: number;
  /** Field groups withheld from this viewer; their values above are null. */
  hiddenFields: FieldGroup[];
}

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
    /** The customer id in the POS; unique in the book. */
    externalId: optionalText(80, 'Customer id'),
    consentEmail: consentInput.optional(),
    consentSms: consentInput.optional(),
  })
  .strict();

/** Every profile field is optional on edit: absent means unchanged, empty means cleared. */
export const clientUpdateInput = clientInput
  .partial()
  .extend({
    id,
    /** The version the person opened; a save over a newer one is refused (STALE). */
    version: z.number().int().positive(),
    tags: z.array(required(LIMITS.tag, 'Tag')).max(50, 'At most 50 tags').optional(),
  })
  .strict();

/** A bulk action's clients: the ones picked, or every client matching a search and filters. */
const bulkTarget = z.union([
  z.object({ ids: z.array(id).min(1).max(LIMITS.pageSize) }).strict(),
  z.object({ all: z.object({ query: trimmed(LIMITS.searchQuery, 'Search').optional(), filters: clientFilters.default({}) }).strict() }).strict(),
]);

export const clientChannels = {
  'client-list': channel({
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
    sample: { filters: { status: 'existing' }, sort: { by: 'created', dir: 'desc' }, limit: 50 },
  }),
  'client-count': channel({
    input: z
      .object({ query: trimmed(LIMITS.searchQuery, 'Search').optional(), filters: clientFilters.default({}) })
      .strict(),
    output: returns<ClientCount>(),
    sample: { query: 'martin' },
  }),
  'client-get': channel({ input: z.object({ id }).strict(), output: returns<ClientDetail>(), sample: { id: 1 } }),
  'client-create': channel({
    input: clientInput,
    output: returns<ClientDetail>(),
    sample: { firstName: 'Lea', lastName: 'Sample', email: 'lea.sample@example.com', birthday: '--04-12', address: { city: 'Lyon' } },
  }),
  'client-update': channel({
    input: clientUpdateInput,
    output: returns<ClientDetail>(),
    sample: { id: 1, version: 1, notes: 'Prefers morning fittings', tags: ['VIP'] },
  }),
  'client-bulk-tag': channel({
    input: z
      .object({
        target: bulkTarget,
        tag: required(LIMITS.tag, 'Tag'),
        /** Untag instead of tag. */
        remove: z.boolean().default(false),
      })
      .strict(),
    output: returns<{ affected: number }>(),
    sample: { target: { ids: [1] }, tag: 'Spring event' },
  }),
  'client-bulk-delete': channel({
    input: z.object({ target: bulkTarget }).strict(),
    output: returns<{ affected: number }>(),
    sample: { target: { ids: [1] } },
  }),
} as const;

/**
 * The writing half of a sales import, row by row on the job's connection inside its
 * transaction: find the client, store the sale once (its transaction id is unique), and
 * note problems by line. After onboarding, the earliest new sale by a mapped seller assigns
 * an Unassigned client; an assigned client is never reassigned automatically.
 *
 * Finding the client follows the book's matching rule: email first (case-folded), then the
 * customer id, then the phone only where one side has no email (two different emails are
 * two people). A buyer found nowhere whom the line names (a name, and an email, phone or
 * customer id) is added to the book, Unassigned, at home at the sale's store, when the
 * importer may add clients; the assignment rules then treat them as any other client.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { normalisePhone } from '../domain/phone';
import { parseSale, type RawSale, type Sale } from '../domain/sales';
import { OUT_OF_SCOPE } from './visibility-check';

export interface SalesProblem {
  line: number;
  transactionId: string | null;
  matchKey: string | null;
  reason: string;
}

/** Problems kept for the report and the download; beyond that they are only counted. */
export const MAX_PROBLEMS_KEPT = 100_000;

interface Found {
  id: number;
  assigned_staff_id: number | null;
}

/**
 * How a sale finds its client, each an index probe. The email lookup names `email IS NOT
 * NULL` so that SQLite may use the partial unique index on email_key (its WHERE must be
 * implied by the query's); without it every line scanned the whole book (0.1 s a line at a
 * million clients). The test checks each plan.
 */
export const CLIENT_LOOKUPS = {
  email: 'SELECT id, assigned_staff_id FROM clients WHERE email_key = ? AND email IS NOT NULL AND deleted_at IS NULL',
  phone: 'SELECT id, assigned_staff_id FROM clients WHERE phone_e164 = ? AND deleted_at IS NULL ORDER BY id LIMIT 1',
  phoneWithoutEmail: 'SELECT id, assigned_staff_id FROM clients WHERE phone_e164 = ? AND email IS NULL AND deleted_at IS NULL ORDER BY id LIMIT 1',
  external: 'SELECT id, assigned_staff_id FROM clients WHERE external_id = ? AND deleted_at IS NULL',
} as const;

export function createSalesWriter(
  sqlite: BetterSqlite3.Database,
  opts: {
    actorId: number;
    at: string;
    defaultCountry: string;
    mode: 'onboarding' | 'ongoing';
    visible: (clientId: number) => boolean;
    /** Where a person with a limited scope may record sales; null: anywhere. */
    locationIds: number[] | null;
    /** Whether the importer may add clients: a buyer the book does not have is added, else reported. */
    createClients: boolean;
  },
) {
  const byEmail = sqlite.prepare(CLIENT_LOOKUPS.email);
  const byPhone = sqlite.prepare(CLIENT_LOOKUPS.phone);
  const byExternal = sqlite.prepare(CLIENT_LOOKUPS.external);
  const byPhoneWithoutEmail = sqlite.prepare(CLIENT_LOOKUPS.phoneWithoutEmail);
  // Any client, in the Trash too, keeps its customer id: a new client cannot take it.
  const externalHeld = sqlite.prepare('SELECT 1 FROM clients WHERE external_id = ?').pluck();
  const insertClient = sqlite.prepare(
    `INSERT INTO clients (first_name, last_name, email, phone, phone_e164, external_id, created_by, assigned_staff_id, home_location_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const history = { created: 0 };
  /** Clients this import added: theirs to sell to, whatever the scope's query says. */
  const added = new Set<number>();
  const insert = sqlite.prepare(
    `INSERT INTO interactions (client_id, kind, staff_id, location_id, amount_cents, channel, added_by, external_id, pos_associate_id, body, occurred_at, created_at)
     VALUES (?, 'sale', ?, ?, ?, 'POS import', ?, ?, ?, NULL, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const staffByPos = new Map(
    (
      sqlite.prepare('SELECT p.staff_id AS id, p.pos_associate_id FROM staff_pos_ids AS p JOIN staff AS s ON s.id = p.staff_id WHERE s.active = 1').all() as {
        id: number;
        pos_associate_id: string;
      }[]
    ).map((s) => [s.pos_associate_id, s.id]),
  );
  const locations = new Map(
    (sqlite.prepare('SELECT id, lower(name) AS name, is_default FROM locations').all() as { id: number; name: string; is_default: number }[]).map((l) => [l.name, l]),
  );
  const shopDefault = [...locations.values()].find((l) => l.is_default === 1)?.id ?? null;
  // A person with a limited scope records sales only at their own locations; a line naming
  // none goes to the shop's default location if it is theirs, else to the first of theirs.
  const allowed = opts.locationIds ? new Set(opts.locationIds) : null;
  const defaultLocation = allowed && (shopDefault === null || !allowed.has(shopDefault)) ? (opts.locationIds![0] ?? shopDefault) : shopDefault;
  const transactionKnown = sqlite.prepare("SELECT 1 FROM interactions WHERE external_id = ? AND kind = 'sale'").pluck();
  const firstSale = new Map<number, { staffId: number; soldAt: string; transactionId: string }>();
  const problems: SalesProblem[] = [];
  const counts = { rows: 0, imported: 0, duplicates: 0, problems: 0 };

  const report = (p: SalesProblem) => {
    counts.problems++;
    if (problems.length < MAX_PROBLEMS_KEPT) problems.push(p);
  };

  const e164Of = (phone: string | null) => (phone ? normalisePhone(phone, opts.defaultCountry).e164 : null);
  const findClient = (sale: Sale): Found | undefined => {
    const { email, externalId, phone } = sale.keys;
    let found = email ? (byEmail.get(email) as Found | undefined) : undefined;
    if (!found && externalId) found = byExternal.get(externalId) as Found | undefined;
    if (!found && phone) {
      const e164 = e164Of(phone);
      if (e164) found = (email ? byPhoneWithoutEmail : byPhone).get(e164) as Found | undefined;
    }
    return found;
  };

  /** The buyer added to the book from the sale's line: Unassigned, at home at the sale's store. */
  const addClient = (sale: Sale, locationId: number | null): Found | null => {
    const p = sale.person!;
    if (p.externalId && externalHeld.get(p.externalId) !== undefined) return null;
    const e164 = e164Of(p.phone);
    const id = Number(insertClient.run(p.firstName, p.lastName, p.email, p.phone, e164, p.externalId, opts.actorId, locationId, opts.at, opts.at).lastInsertRowid);
    added.add(id);
    history.created++;
    return { id, assigned_staff_id: null };
  };

  return {
    counts,
    problems,
    /** Clients added from the sales lines. */
    get clientsCreated() {
      return history.created;
    },
    row(line: number, raw: RawSale): void {
      counts.rows++;
      const parsed = parseSale(raw);
      if (!parsed.ok) {
        report({ line, transactionId: raw.transactionId?.trim() || null, matchKey: raw.email || raw.externalId || raw.phone || null, reason: parsed.reason });
        return;
      }
      const sale = parsed.sale;
      let client = findClient(sale);
      const noClient = `No client with ${sale.match.kind === 'external' ? 'client id' : sale.match.kind} ${sale.match.value}`;
      if (!client && (!opts.createClients || !sale.person)) {
        report({ line, transactionId: sale.transactionId, matchKey: sale.match.value, reason: noClient });
        return;
      }
      // A sale never reaches a client outside the importer's scope: recording it would put
      // the client in the seller's and the store's scope, and change spend, visits and status.
      if (client && !added.has(client.id) && !opts.visible(client.id)) {
        report({ line, transactionId: sale.transactionId, matchKey: sale.match.value, reason: OUT_OF_SCOPE });
        return;
      }
      const staffId = sale.posAssociateId ? (staffByPos.get(sale.posAssociateId) ?? null) : null;
      const locationId = sale.location ? (locations.get(sale.location.toLowerCase())?.id ?? defaultLocation) : defaultLocation;
      if (allowed && locationId !== null && !allowed.has(locationId)) {
        report({ line, transactionId: sale.transactionId, matchKey: sale.match.value, reason: `The store "${(sale.location ?? '').slice(0, 60)}" is not one of your locations` });
        return;
      }
      if (!client) {
        // Added only when the sale is new: a line already imported adds nobody.
        if (transactionKnown.get(sale.transactionId) !== undefined) {
          counts.duplicates++;
          return;
        }
        client = addClient(sale, locationId) ?? undefined;
        if (!client) {
          report({ line, transactionId: sale.transactionId, matchKey: sale.match.value, reason: `${noClient}, and its customer id belongs to a client in the Trash` });
          return;
        }
      }
      if (insert.run(client.id, staffId, locationId, sale.amountCents, opts.actorId, sale.transactionId, sale.posAssociateId, sale.soldAt, opts.at).changes === 0) {
        counts.duplicates++;
        return;
      }
      counts.imported++;
      if (opts.mode === 'ongoing' && client.assigned_staff_id === null && staffId !== null) {
        const known = firstSale.get(client.id);
        if (!known || sale.soldAt < known.soldAt) firstSale.set(client.id, { staffId, soldAt: sale.soldAt, transactionId: sale.transactionId });
      }
    },
    /** Ongoing mode: each still-Unassigned buyer goes to the seller of their earliest new sale. */
    assignBySale(): number {
      const assign = sqlite.prepare('UPDATE clients SET assigned_staff_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND assigned_staff_id IS NULL');
      const history = sqlite.prepare(
        "INSERT INTO assignment_history (client_id, from_staff_id, to_staff_id, reason, detail, actor_id, at) VALUES (?, NULL, ?, 'sale', ?, ?, ?)",
      );
      let assigned = 0;
      for (const [clientId, s] of firstSale) {
        if (assign.run(s.staffId, opts.at, clientId).changes === 0) continue;
        history.run(clientId, s.staffId, JSON.stringify({ transactionId: s.transactionId }), opts.actorId, opts.at);
        assigned++;
      }
      return assigned;
    },
  };
}

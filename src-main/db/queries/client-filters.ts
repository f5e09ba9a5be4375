/**
 * The client list's filters as WHERE conditions on `clients`. Each one is served by an
 * index from migration 0003, so counts stay fast over a million rows.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ClientFilters } from '../../../src-preload/contract';
import type { Database } from '../schema';

type Eb = ExpressionBuilder<Database, 'clients'>;

const DAY_MS = 86_400_000;
/** "New" clients were created under this many days ago; "Old" ones earlier. */
export const NEW_CLIENT_DAYS = 30;

export interface FilterContext {
  /** The acting staff member, for "Mine". */
  staffId: number;
  now: Date;
}

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
const nextDay = (date: string) => new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);

export function filterConditions(eb: Eb, f: ClientFilters, ctx: FilterContext): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.mine) where.push(eb('clients.assigned_staff_id', '=', ctx.staffId));
  // '> ""' rather than '<> ""': a range the index can serve.
  if (f.status === 'existing') where.push(eb('clients.first_visit_at', '>', ''));
  if (f.status === 'guest') where.push(eb('clients.first_visit_at', '=', ''));
  if (f.assigned === 'unassigned') where.push(eb('clients.assigned_staff_id', 'is', null));
  else if (f.assigned !== undefined) where.push(eb('clients.assigned_staff_id', '=', f.assigned));
  if (f.tagIds?.length) {
    where.push(
      eb('clients.id', 'in', eb.selectFrom('client_tags').select('client_tags.client_id').where('client_tags.tag_id', 'in', f.tagIds)),
    );
  }
  if (f.locationId !== undefined) {
    where.push(
      eb(
        'clients.id',
        'in',
        eb
          .selectFrom('interactions')
          .select('interactions.client_id')
          .where('interactions.location_id', '=', f.locationId)
          .where('interactions.kind', 'in', ['sale', 'booking']),
      ),
    );
  }
  if (f.created?.kind === 'new') where.push(eb('clients.created_at', '>=', daysAgo(ctx.now, NEW_CLIENT_DAYS)));
  if (f.created?.kind === 'old') where.push(eb('clients.created_at', '<', daysAgo(ctx.now, NEW_CLIENT_DAYS)));
  if (f.created?.kind === 'range') {
    if (f.created.from) where.push(eb('clients.created_at', '>=', f.created.from));
    // `to` is inclusive: everything before the next day starts.
    if (f.created.to) where.push(eb('clients.created_at', '<', nextDay(f.created.to)));
  }
  if (f.lapsedDays !== undefined) {
    where.push(eb('clients.last_purchase_at', '>', ''));
    where.push(eb('clients.last_purchase_at', '<', daysAgo(ctx.now, f.lapsedDays)));
  }
  // Birthdays may be stored without a year ('--MM-DD'): the month is always at -5.
  const month = String(ctx.now.getUTCMonth() + 1).padStart(2, '0');
  if (f.birthdayThisMonth) {
    where.push(eb('clients.birthday', 'is not', null));
    where.push(sql<SqlBool>`substr(clients.birthday, -5, 2) = ${month}`);
  }
  if (f.anniversaryThisMonth) {
    where.push(eb('clients.anniversary', 'is not', null));
    where.push(sql<SqlBool>`substr(clients.anniversary, -5, 2) = ${month}`);
  }
  if (f.consentEmail !== undefined) where.push(eb('clients.consent_email', '=', f.consentEmail ? 1 : 0));
  if (f.consentSms !== undefined) where.push(eb('clients.consent_sms', '=', f.consentSms ? 1 : 0));
  return where;
}

/** Saved segments: named filter sets, private or shared, plus the built-in ones that ship ready. */
import { clientFilters, type ClientFilters, type ParsedInput, type Segment } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { decide, type Actor } from '../domain/permissions';
import { hiddenFieldUse } from '../../src-preload/hidden-filters';
import { forbidden, notFound } from './errors';
import { refuseHiddenFilters } from './hidden-filters.guard';

export const BUILT_IN_SEGMENTS: { key: string; name: string; filters: ClientFilters }[] = [
  { key: 'mine', name: 'My clients', filters: { mine: true } },
  { key: 'guests', name: 'Guests', filters: { status: 'guest' } },
  { key: 'existing', name: 'Existing clients', filters: { status: 'existing' } },
  { key: 'new', name: 'New clients (under 30 days)', filters: { created: { kind: 'new' } } },
  { key: 'old', name: 'Old clients (over 30 days)', filters: { created: { kind: 'old' } } },
  { key: 'new-guests', name: 'New guests', filters: { created: { kind: 'new' }, status: 'guest' } },
  { key: 'lapsed-90', name: 'No purchase in 90 days', filters: { lapsedDays: 90 } },
  { key: 'birthdays', name: 'Birthdays this month', filters: { birthdayThisMonth: true } },
  { key: 'anniversaries', name: 'Anniversaries this month', filters: { anniversaryThisMonth: true } },
  { key: 'unassigned', name: 'Unassigned', filters: { assigned: 'unassigned' } },
  { key: 'email-ok', name: 'Agreed to email', filters: { consentEmail: true } },
  { key: 'sms-ok', name: 'Agreed to SMS', filters: { consentSms: true } },
];

interface Row {
  id: number;
  name: string;
  owner_id: number;
  shared: number;
  filters: string;
}

export function createSegmentsService(db: Db, now: () => Date) {
  const toSegment = (actor: Actor, r: Row): Segment | null => {
    // Stored filters are parsed like any input: a segment saved by an older version that no
    // longer parses is left out rather than applied half-understood.
    const parsed = clientFilters.safeParse(JSON.parse(r.filters));
    if (!parsed.success) return null;
    return { id: `saved:${r.id}`, name: r.name, builtIn: false, shared: r.shared === 1, editable: decide(actor, 'client.view', { kind: 'owned', ownerId: r.owner_id }).allowed, filters: parsed.data };
  };
  const find = (id: number, ex: Executor = db) => ex.selectFrom('segments').select(['id', 'name', 'owner_id', 'shared', 'filters']).where('id', '=', id).executeTakeFirst();

  return {
    /** A segment this person may use: a built-in one, their own, or a shared one; anything else does not exist for them. */
    async resolve(actor: Actor, segmentId: string): Promise<Segment> {
      const [kind, key] = segmentId.split(':') as [string, string];
      if (kind === 'builtin') {
        const b = BUILT_IN_SEGMENTS.find((s) => s.key === key);
        if (b) return { id: segmentId, name: b.name, builtIn: true, shared: true, editable: false, filters: b.filters };
      } else if (kind === 'saved') {
        const row = await find(Number(key));
        const segment = row && (row.owner_id === actor.id || row.shared === 1) ? toSegment(actor, row) : null;
        if (segment) return segment;
      }
      throw notFound('That segment');
    },

    async list(actor: Actor): Promise<Segment[]> {
      const rows = await db
        .selectFrom('segments')
        .select(['id', 'name', 'owner_id', 'shared', 'filters'])
        .where((eb) => eb.or([eb('owner_id', '=', actor.id), eb('shared', '=', 1)]))
        .orderBy('name')
        .execute();
      const builtIn = BUILT_IN_SEGMENTS.map((b) => ({ id: `builtin:${b.key}`, name: b.name, builtIn: true, shared: true, editable: false, filters: b.filters }));
      const all = [...builtIn, ...rows.map((r) => toSegment(actor, r)).filter((s): s is Segment => s !== null)];
      // A segment filtering on a field hidden from this role could only be refused when opened.
      return all.filter((s) => !hiddenFieldUse(actor.hiddenFields, s.filters));
    },

    async save(actor: Actor, input: ParsedInput<'segment-save'>): Promise<Segment> {
      await refuseHiddenFilters(db, actor, now(), 'segment-save', input.filters);
      const at = now().toISOString();
      const values = { name: input.name, shared: input.shared ? 1 : 0, filters: JSON.stringify(input.filters), updated_at: at };
      const id = await db.transaction().execute(async (trx) => {
        let segmentId = input.id;
        if (segmentId !== undefined) {
          const current = await find(segmentId, trx);
          // A private segment of someone else does not exist for this person.
          if (!current || (current.owner_id !== actor.id && current.shared !== 1)) throw notFound('That segment');
          if (!decide(actor, 'client.view', { kind: 'owned', ownerId: current.owner_id }).allowed) throw forbidden('Only its owner or an Admin can change a segment.');
          await trx.updateTable('segments').set(values).where('id', '=', segmentId).execute();
        } else {
          const row = await trx.insertInto('segments').values({ ...values, owner_id: actor.id, created_at: at }).returning('id').executeTakeFirstOrThrow();
          segmentId = row.id;
        }
        await insertAudit(trx, { actorId: actor.id, action: input.id ? 'segment.update' : 'segment.create', entity: 'segment', entityId: segmentId, after: values, at });
        return segmentId;
      });
      return toSegment(actor, (await find(id))!)!;
    },

    async remove(actor: Actor, id: number): Promise<null> {
      const current = await find(id);
      if (!current || (current.owner_id !== actor.id && current.shared !== 1)) throw notFound('That segment');
      if (!decide(actor, 'client.view', { kind: 'owned', ownerId: current.owner_id }).allowed) throw forbidden('Only its owner or an Admin can delete a segment.');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('segments').where('id', '=', id).execute();
        await insertAudit(trx, { actorId: actor.id, action: 'segment.delete', entity: 'segment', entityId: id, before: { name: current.name }, at: now().toISOString() });
      });
      return null;
    },
  };
}
export type SegmentsService = ReturnType<typeof createSegmentsService>;

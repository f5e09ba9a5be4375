/**
 * Mapping POS associate ids to staff, many at once: from a list chosen on the POS id screen,
 * or a pasted or uploaded CSV of `pos_id,username`. A staff member holds any number of POS
 * ids, so a new mapping never takes one away. All or nothing: when any line is wrong
 * (unknown username, an id already mapped to someone else, a staff member one may not
 * manage) nothing is mapped and every line says what it found. Each mapping is audited.
 */
import type { ParsedInput, PosMapResult, PosMapRow } from '../../src-preload/contract';
import type { Db, Executor } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { findBuiltInRole, findRole } from '../db/queries/roles.queries';
import { addPosIds, findStaffByUsername, posIdsOf } from '../db/queries/staff.queries';
import { readTextRecords, FileProblem } from '../csv/read';
import { LIMITS } from '../../src-preload/limits';
import type { Staff } from '../db/schema';
import { decide, type Actor } from '../domain/permissions';
import { rolePolicy } from '../domain/roles';
import { invalidField } from './errors';

interface Wanted {
  line: number | null;
  posAssociateId: string;
  /** The staff member as the line names them. */
  staffId?: number;
  username?: string;
}

const POS_HEADERS = new Set(['posid', 'posassociateid', 'associateposid', 'associateid', 'pos']);
const USER_HEADERS = new Set(['username', 'user', 'login', 'staff', 'staffusername']);
const headerKey = (h: string) => h.toLowerCase().replace(/[^a-z]/g, '');

/** `pos_id,username` lines, a header row optional (either column order when it names them). */
export function readMappingCsv(text: string): Wanted[] {
  let records;
  try {
    records = readTextRecords(text);
  } catch (err) {
    if (err instanceof FileProblem) throw invalidField('csv', err.message);
    throw err;
  }
  if (records.length === 0) throw invalidField('csv', 'The list is empty: give one "pos_id,username" per line');
  let posAt = 0;
  let userAt = 1;
  const first = records[0]!.fields.map(headerKey);
  const p = first.findIndex((h) => POS_HEADERS.has(h));
  const u = first.findIndex((h) => USER_HEADERS.has(h));
  if (p >= 0 && u >= 0) {
    posAt = p;
    userAt = u;
    records = records.slice(1);
  }
  return records.map((r) => ({ line: r.line, posAssociateId: (r.fields[posAt] ?? '').trim().replace(/^'/, ''), username: (r.fields[userAt] ?? '').trim().toLowerCase() }));
}

export function createPosIdsService(db: Db, now: () => Date) {
  /** Whether this person may manage the account of `staff` (nobody manages someone who holds more than they do). */
  async function mayManage(trx: Executor, actor: Actor, staff: Staff): Promise<string | null> {
    const role = (staff.role_id === null ? null : await findRole(trx, staff.role_id)) ?? (await findBuiltInRole(trx, staff.role));
    const d = decide(actor, 'staff.manage', { kind: 'grant', grant: rolePolicy(role) });
    return d.allowed ? null : d.reason;
  }

  return {
    async map(actor: Actor, input: ParsedInput<'pos-id-map'>): Promise<PosMapResult> {
      const wanted: Wanted[] = input.csv !== undefined ? readMappingCsv(input.csv) : (input.mappings ?? []).map((m) => ({ line: null, ...m }));
      if (wanted.length > 2000) throw invalidField('csv', `The list has ${wanted.length.toLocaleString('en')} lines; map at most 2,000 at once`);
      const at = now().toISOString();
      return db.transaction().execute(async (trx) => {
        const seen = new Map<string, number>();
        const rows: PosMapRow[] = [];
        for (const w of wanted) {
          const row: PosMapRow = { line: w.line, posAssociateId: w.posAssociateId, username: w.username ?? null, staff: null, status: 'error', error: null };
          rows.push(row);
          const staff = w.staffId !== undefined
            ? await trx.selectFrom('staff').selectAll().where('id', '=', w.staffId).executeTakeFirst()
            : w.username ? await findStaffByUsername(trx, w.username) : undefined;
          if (staff) row.staff = { id: staff.id, name: staff.name };
          if (!w.posAssociateId) row.error = 'No POS id';
          else if (w.posAssociateId.length > LIMITS.posAssociateId) row.error = `A POS id is at most ${LIMITS.posAssociateId} characters`;
          else if (!staff) row.error = w.username ? `No staff member with the username "${w.username.slice(0, 60)}"` : w.staffId !== undefined ? 'No such staff member' : 'No username';
          else if (staff.active !== 1) row.error = `${staff.name} is inactive`;
          if (row.error || !staff) continue;
          const earlier = seen.get(w.posAssociateId);
          if (earlier !== undefined && earlier !== staff.id) {
            row.error = `POS id ${w.posAssociateId} is listed twice, for different people`;
            continue;
          }
          seen.set(w.posAssociateId, staff.id);
          const holder = await trx
            .selectFrom('staff_pos_ids as p')
            .innerJoin('staff as s', 's.id', 'p.staff_id')
            .select(['s.id', 's.name'])
            .where('p.pos_associate_id', '=', w.posAssociateId)
            .executeTakeFirst();
          if (holder && holder.id !== staff.id) {
            row.error = `POS id ${w.posAssociateId} is already mapped to ${holder.name}`;
            continue;
          }
          const refused = await mayManage(trx, actor, staff);
          if (refused) {
            row.error = refused;
            continue;
          }
          row.status = holder || earlier !== undefined ? 'already' : 'mapped';
        }
        const mapped = rows.filter((r) => r.status === 'mapped');
        const failed = rows.some((r) => r.status === 'error');
        if (failed || input.dryRun) return { applied: false, mapped: failed ? 0 : mapped.length, rows };
        for (const r of mapped) {
          const staffId = r.staff!.id;
          const before = await posIdsOf(trx, staffId);
          await addPosIds(trx, staffId, [r.posAssociateId], at);
          await insertAudit(trx, {
            actorId: actor.id,
            action: 'staff.pos-id-map',
            entity: 'staff',
            entityId: staffId,
            before: { posAssociateIds: before },
            after: { posAssociateId: r.posAssociateId, posAssociateIds: [...before, r.posAssociateId].sort() },
            at,
          });
        }
        return { applied: true, mapped: mapped.length, rows };
      });
    },
  };
}
export type PosIdsService = ReturnType<typeof createPosIdsService>;

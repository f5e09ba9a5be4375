import { DEFAULT_REMINDER_TEMPLATE, type ParsedInput, type ShopSettings } from '../../src-preload/contract';
import { IDLE_LOCK_MINUTES } from '../../src-preload/limits';
import type { Db } from '../db/connection';
import { insertAudit } from '../db/queries/audit.queries';
import { getSettings, updateSettings } from '../db/queries/settings.queries';
import type { ShopSettingsRow } from '../db/schema';
import { decide, type Actor, type PolicySettings } from '../domain/permissions';
import type { ScopeSettings } from './actor';
import { AppFailure, forbidden, invalidField } from './errors';
import type { SessionStore } from './sessions';

/** The machine's own time zone, or the one the app was started with. */
export const systemTimeZone = (given?: string): string => given ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

const toShopSettings = (r: ShopSettingsRow, fallbackZone: string): ShopSettings => ({
  shopName: r.shop_name,
  defaultCountry: r.default_country,
  idleLockMinutes: r.idle_lock_minutes,
  allClientsVisible: r.all_clients_visible === 1,
  primaryCanHandOver: r.primary_can_hand_over === 1,
  unassignedPool: r.unassigned_pool === 1,
  defaultAssigneeId: r.default_assignee_id,
  returningClientRouting: r.returning_client_routing,
  onboardingCompletedAt: r.onboarding_completed_at,
  formatLocale: r.format_locale,
  trashRetentionDays: r.trash_retention_days,
  timeZone: r.time_zone ?? fallbackZone,
  timeZoneFromSystem: r.time_zone === null,
  reminderTemplate: r.reminder_template ?? DEFAULT_REMINDER_TEMPLATE,
  reminderTemplateIsDefault: r.reminder_template === null,
});

/**
 * Settings that change who sees or changes which clients (or who receives new ones): only
 * an Admin who holds everything changes them, so a role cannot widen its own reach.
 */
const ACCESS_SETTINGS = ['allClientsVisible', 'unassignedPool', 'primaryCanHandOver', 'defaultAssigneeId'] as const satisfies readonly (keyof ShopSettings)[];

const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);

/**
 * Shop settings, with a cached copy for the hot paths that read them on every call
 * (the idle lock, phone normalisation).
 */
export function createSettingsService(db: Db, now: () => Date, sessions: () => SessionStore, machineZone?: string) {
  let cached: ShopSettings | null = null;
  const fallbackZone = systemTimeZone(machineZone);
  const toSettings = (r: ShopSettingsRow) => toShopSettings(r, fallbackZone);

  const service = {
    async load(): Promise<ShopSettings | null> {
      const row = await getSettings(db);
      cached = row ? toSettings(row) : null;
      return cached;
    },
    current(): ShopSettings | null {
      return cached;
    },
    idleLockMinutes(): number {
      return cached?.idleLockMinutes ?? IDLE_LOCK_MINUTES.default;
    },
    allClientsVisible(): boolean {
      return cached?.allClientsVisible ?? false;
    },
    /** What the visibility scopes depend on; the Unassigned pool is on until a shop turns it off. */
    scopeSettings(): ScopeSettings {
      return { allClientsVisible: cached?.allClientsVisible ?? false, unassignedPool: cached?.unassignedPool ?? true };
    },
    /** The shop's time zone: its own setting, else the machine's. */
    timeZone(): string {
      return cached?.timeZone ?? fallbackZone;
    },
    policy(): PolicySettings {
      return { primaryCanHandOver: cached?.primaryCanHandOver ?? false };
    },
    async get(): Promise<ShopSettings> {
      const s = cached ?? (await service.load());
      if (!s) throw new AppFailure('SETUP_REQUIRED', 'Clientele has not been set up yet.');
      return s;
    },
    async update(actor: Actor, patch: ParsedInput<'settings-update'>): Promise<ShopSettings> {
      const updated = await db.transaction().execute(async (trx) => {
        const before = await getSettings(trx);
        if (!before) throw new AppFailure('SETUP_REQUIRED', 'Clientele has not been set up yet.');
        const current = toSettings(before);
        if (ACCESS_SETTINGS.some((k) => patch[k] !== undefined && patch[k] !== current[k])) {
          const d = decide(actor, 'settings.change', { kind: 'shop-access' });
          if (!d.allowed) throw forbidden(d.reason, d.code);
        }
        if (patch.trashRetentionDays !== undefined && patch.trashRetentionDays !== current.trashRetentionDays) {
          const d = decide(actor, 'client.purge', { kind: 'trash-retention' });
          if (!d.allowed) throw forbidden(d.reason, d.code);
        }
        if (patch.defaultAssigneeId != null) {
          const staff = await trx.selectFrom('staff').select('active').where('id', '=', patch.defaultAssigneeId).executeTakeFirst();
          if (!staff || staff.active !== 1) throw invalidField('defaultAssigneeId', 'Choose an active staff member');
        }
        const row = await updateSettings(trx, {
          shop_name: patch.shopName,
          default_country: patch.defaultCountry,
          idle_lock_minutes: patch.idleLockMinutes,
          all_clients_visible: flag(patch.allClientsVisible),
          primary_can_hand_over: flag(patch.primaryCanHandOver),
          unassigned_pool: flag(patch.unassignedPool),
          default_assignee_id: patch.defaultAssigneeId,
          returning_client_routing: patch.returningClientRouting,
          format_locale: patch.formatLocale,
          trash_retention_days: patch.trashRetentionDays,
          time_zone: patch.timeZone,
          reminder_template: patch.reminderTemplate,
          updated_at: now().toISOString(),
        });
        await insertAudit(trx, {
          actorId: actor.id,
          action: 'settings.update',
          entity: 'settings',
          entityId: 1,
          before: toSettings(before),
          after: toSettings(row),
          at: now().toISOString(),
        });
        return toSettings(row);
      });
      const scopeChanged = cached !== null && (cached.allClientsVisible !== updated.allClientsVisible || cached.unassignedPool !== updated.unassignedPool);
      cached = updated;
      // Every logged-in person's scope changed with it: their screens reload what they see.
      if (scopeChanged) sessions().broadcast('session-changed', { reason: 'settings' }, () => true);
      return updated;
    },
  };
  return service;
}
export type SettingsService = ReturnType<typeof createSettingsService>;

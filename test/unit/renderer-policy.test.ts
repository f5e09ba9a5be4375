/**
 * The renderer's reading of the policy: which pages each built-in role is shown, what the
 * Roles matrix lets an Admin tick, and the audit filter's local days. The main process
 * still decides every call; these keep the screens from offering what it would refuse.
 */
import { describe, expect, it } from 'vitest';
import type { RoleSummary } from '../../src-preload/contract';
import { BUILT_IN_PERMISSIONS } from '../../src-main/domain/permissions';
import { pagesFor } from '../../src-renderer/pages';
import { toAuditFilter } from '../../src-renderer/screens/audit/auditFilter';
import { actionLockedReason, baseActionsOf, inMatrixOrder, isDirty, lockedReason, draftOf } from '../../src-renderer/screens/roles/roleRules';

const pageIds = (role: keyof typeof BUILT_IN_PERMISSIONS) => pagesFor([...BUILT_IN_PERMISSIONS[role]]).map((p) => p.id);

describe('pagesFor', () => {
  it('shows each built-in role the pages its actions open', () => {
    expect(pageIds('admin')).toEqual(['clients', 'today', 'calendar', 'reports', 'campaigns', 'duplicates', 'trash', 'import-export', 'relationships', 'assignment-rules', 'staff', 'roles', 'audit', 'settings']);
    expect(pageIds('manager')).toEqual(['clients', 'today', 'calendar', 'reports', 'campaigns', 'duplicates', 'trash', 'import-export', 'relationships', 'assignment-rules', 'settings']);
    expect(pageIds('associate')).toEqual(['clients', 'today', 'calendar', 'reports', 'import-export', 'relationships', 'settings']);
  });

  it('shows the Calendar only to those who may view appointments', () => {
    expect(pagesFor(['session.use', 'appointment.view']).map((p) => p.id)).toContain('calendar');
    expect(pagesFor(['session.use', 'client.view', 'appointment.book']).map((p) => p.id)).not.toContain('calendar');
  });

  it('shows Reports only to those who may see reports', () => {
    expect(pagesFor(['session.use', 'report.view']).map((p) => p.id)).toContain('reports');
    expect(pagesFor(['session.use', 'client.view', 'export']).map((p) => p.id)).not.toContain('reports');
  });

  it('shows Import/Export for either action, and Settings and Relationships to everyone', () => {
    expect(pagesFor(['import']).map((p) => p.id)).toContain('import-export');
    expect(pagesFor(['export']).map((p) => p.id)).toContain('import-export');
    expect(pagesFor([]).map((p) => p.id)).toEqual(['relationships', 'settings']);
  });

  it('shows Assignment rules to whoever imports sales, assigns others or changes shop settings', () => {
    for (const action of ['import', 'client.assign-others', 'settings.change'] as const) {
      expect(pagesFor([action]).map((p) => p.id)).toContain('assignment-rules');
    }
    expect(pagesFor(['client.assign-self', 'export']).map((p) => p.id)).not.toContain('assignment-rules');
  });
});

const role = (over: Partial<RoleSummary>): RoleSummary => ({
  id: 1,
  name: 'Admin',
  baseRole: 'admin',
  builtIn: true,
  permissions: [],
  visibility: 'all',
  hiddenFields: [],
  staffCount: 0,
  ...over,
});

const builtIns = [
  role({ id: 1, name: 'Admin', baseRole: 'admin', permissions: [...BUILT_IN_PERMISSIONS.admin] }),
  role({ id: 2, name: 'Manager', baseRole: 'manager', permissions: [...BUILT_IN_PERMISSIONS.manager], visibility: 'locations' }),
  role({ id: 3, name: 'Associate', baseRole: 'associate', permissions: [...BUILT_IN_PERMISSIONS.associate], visibility: 'own' }),
];
const trainee = role({ id: 4, name: 'Trainee', baseRole: 'associate', builtIn: false, permissions: ['session.use', 'client.view'], visibility: 'own' });

describe('the Roles matrix rules', () => {
  it('orders built-in roles first, then custom roles by name', () => {
    const aide = role({ id: 5, name: 'Aide', baseRole: 'manager', builtIn: false });
    expect(inMatrixOrder([trainee, builtIns[2]!, aide, builtIns[0]!, builtIns[1]!]).map((r) => r.name)).toEqual([
      'Admin',
      'Manager',
      'Associate',
      'Aide',
      'Trainee',
    ]);
  });

  it('lets a custom role be given only what the person editing holds, and says why not', () => {
    const mine = baseActionsOf([...builtIns, trainee]).manager;
    expect(actionLockedReason(trainee, 'client.merge', mine)).toBeNull();
    expect(actionLockedReason(trainee, 'staff.manage', mine)).toBe('You cannot give a permission you do not hold yourself (manage staff).');
    expect(actionLockedReason(builtIns[1]!, 'client.merge', mine)).toMatch(/Built-in roles keep their actions/);
  });

  it('locks the Admin role and the role one holds', () => {
    expect(lockedReason(builtIns[0]!, 'Trainee')).toMatch(/Admin role always/);
    expect(lockedReason(trainee, 'Trainee')).toBe('You cannot change the role you hold yourself.');
    expect(lockedReason(trainee, 'Admin')).toBeNull();
  });

  it('counts a role as changed only when its lists differ as sets', () => {
    expect(isDirty(trainee, { ...draftOf(trainee), permissions: ['client.view', 'session.use'] })).toBe(false);
    expect(isDirty(trainee, { ...draftOf(trainee), hiddenFields: ['contact'] })).toBe(true);
    expect(isDirty(trainee, { ...draftOf(trainee), visibility: 'all' })).toBe(true);
  });
});

describe('toAuditFilter', () => {
  it('sends the local days from the first day’s start to the start of the day after the last', () => {
    const f = toAuditFilter({ actorId: '7', action: ' role ', client: null, range: ['2026-11-20', '2026-11-23'] });
    expect(f).toEqual({
      actorId: 7,
      action: 'role',
      from: new Date(2026, 10, 20).toISOString(),
      to: new Date(2026, 10, 24).toISOString(),
    });
  });

  it('takes one picked day as that whole day, and nothing as no bounds', () => {
    expect(toAuditFilter({ actorId: null, action: '', client: null, range: ['2026-11-23', null] })).toEqual({
      actorId: undefined,
      action: undefined,
      from: new Date(2026, 10, 23).toISOString(),
      to: new Date(2026, 10, 24).toISOString(),
    });
    expect(toAuditFilter({ actorId: null, action: '', client: null, range: [null, null] })).toEqual({
      actorId: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it('narrows to one client’s record when a client is picked', () => {
    expect(toAuditFilter({ actorId: null, action: '', client: { id: '42', label: 'Jane Doe' }, range: [null, null] })).toMatchObject({
      entity: 'client',
      entityId: 42,
    });
  });
});

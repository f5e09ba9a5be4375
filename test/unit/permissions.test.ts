import { describe, expect, it } from 'vitest';
import { ACTIONS, beyond, decide, decideAppointment, decideAssignment, decideInteraction, isUnrestricted, type Action, type Actor, type AppointmentChange } from '../../src-main/domain/permissions';
import { rolePolicy } from '../../src-main/domain/roles';
import type { Role } from '../../src-preload/contract';
import { actorFor } from '../helpers/actors';

/** The matrix the seeds ask for, written out by hand: a change to the code must change this too. */
const MATRIX: Record<Action, Record<Role, boolean>> = {
  'session.use': { admin: true, manager: true, associate: true },
  'client.view': { admin: true, manager: true, associate: true },
  'client.create': { admin: true, manager: true, associate: true },
  'client.edit': { admin: true, manager: true, associate: true },
  'client.delete': { admin: true, manager: true, associate: true },
  'client.delete-others': { admin: true, manager: true, associate: false },
  'client.restore': { admin: true, manager: true, associate: false },
  'client.purge': { admin: true, manager: false, associate: false },
  'client.merge': { admin: true, manager: true, associate: false },
  'client.export-data': { admin: true, manager: true, associate: false },
  'client.assign-self': { admin: true, manager: true, associate: true },
  'client.assign-others': { admin: true, manager: true, associate: false },
  'client.unassign-self': { admin: true, manager: true, associate: true },
  'client.unassign-others': { admin: true, manager: true, associate: false },
  'client.hand-over': { admin: true, manager: true, associate: true },
  'relationship-type.manage': { admin: true, manager: true, associate: false },
  'automation.manage': { admin: true, manager: true, associate: false },
  'email.send': { admin: true, manager: true, associate: false },
  'client.link': { admin: true, manager: true, associate: true },
  import: { admin: true, manager: true, associate: false },
  export: { admin: true, manager: true, associate: true },
  'export.unsafe': { admin: true, manager: false, associate: false },
  'staff.manage': { admin: true, manager: false, associate: false },
  'roles.manage': { admin: true, manager: false, associate: false },
  'settings.change': { admin: true, manager: false, associate: false },
  'audit.read': { admin: true, manager: false, associate: false },
  'backup.manage': { admin: true, manager: false, associate: false },
  'backup.restore': { admin: true, manager: false, associate: false },
  'appointment.view': { admin: true, manager: true, associate: true },
  'appointment.book': { admin: true, manager: true, associate: true },
  'appointment.book-others': { admin: true, manager: true, associate: false },
  'appointment.move-others': { admin: true, manager: true, associate: false },
  'appointment.cancel-others': { admin: true, manager: true, associate: false },
  'appointment.services': { admin: true, manager: false, associate: false },
  'appointment.hours': { admin: true, manager: false, associate: false },
  'report.view': { admin: true, manager: true, associate: true },
  'interaction.record-others': { admin: true, manager: true, associate: false },
  'interaction.correct-others': { admin: true, manager: true, associate: false },
};

const ROLES: Role[] = ['admin', 'manager', 'associate'];
const ME = 10;
const COLLEAGUE = 20;
const HAND_OVER_ON = { primaryCanHandOver: true };
const HAND_OVER_OFF = { primaryCanHandOver: false };

describe('decide: every built-in role against every action', () => {
  it('covers every action', () => expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort()));

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      const expected = MATRIX[action][role];
      it(`${role} ${expected ? 'may' : 'may not'} ${action} (the resource-free check)`, () => {
        // Resource-level rules are satisfied here: my own client, hand-over on.
        const decision = decide(actorFor(role, ME), action, { kind: 'client', assignedStaffId: ME }, HAND_OVER_ON);
        expect(decision.allowed).toBe(expected);
        if (!decision.allowed) expect(decision.code).toBe('ROLE_LACKS_PERMISSION');
      });
    }
  }
});

describe('assignment, with the seeds’ cases written out', () => {
  type Case = [string, Role, number | null, number | null, boolean, boolean, string?];
  // [case, role, currently assigned to, assign to (null = Unassigned), hand-over setting, allowed, deny code]
  const cases: Case[] = [
    ['an Associate assigns themself to an Unassigned client', 'associate', null, ME, false, true],
    ['an Associate cannot take a client assigned to a colleague', 'associate', COLLEAGUE, ME, false, false, 'ASSIGNED_TO_SOMEONE_ELSE'],
    ['an Associate unassigns themself', 'associate', ME, null, false, true],
    ['an Associate may not unassign a colleague', 'associate', COLLEAGUE, null, false, false, 'ROLE_LACKS_PERMISSION'],
    ['an Associate cannot assign an Unassigned client to a colleague', 'associate', null, COLLEAGUE, true, false, 'ROLE_LACKS_PERMISSION'],
    ['an Associate cannot hand their client to a colleague when the shop has not allowed it', 'associate', ME, COLLEAGUE, false, false, 'HAND_OVER_OFF'],
    ['an Associate hands their own client to a colleague when the shop allows it', 'associate', ME, COLLEAGUE, true, true],
    ['an Associate cannot hand over a colleague’s client even when allowed', 'associate', COLLEAGUE, 30, true, false, 'ROLE_LACKS_PERMISSION'],
    ['a Manager assigns themself to a client assigned to someone else', 'manager', COLLEAGUE, ME, false, true],
    ['a Manager may unassign a colleague', 'manager', COLLEAGUE, null, false, true],
    ['a Manager assigns a client to a colleague', 'manager', null, COLLEAGUE, false, true],
    ['a Manager reassigns from one colleague to another', 'manager', COLLEAGUE, 30, false, true],
    ['an Admin unassigns themself', 'admin', ME, null, false, true],
    ['an Admin assigns anyone to anyone', 'admin', COLLEAGUE, 30, false, true],
  ];
  for (const [name, role, current, target, handOver, allowed, code] of cases) {
    it(name, () => {
      const d = decideAssignment(actorFor(role, ME), { id: current, name: current ? `Staff ${current}` : null }, target, handOver ? HAND_OVER_ON : HAND_OVER_OFF);
      expect(d.allowed).toBe(allowed);
      if (!d.allowed) expect(d.code).toBe(code);
    });
  }

  it('names the colleague who holds the client', () => {
    const d = decideAssignment(actorFor('associate', ME), { id: COLLEAGUE, name: 'Kai' }, ME, HAND_OVER_OFF);
    expect(d).toEqual({ allowed: false, code: 'ASSIGNED_TO_SOMEONE_ELSE', reason: 'This client is assigned to Kai. Only a Manager or Admin can reassign them.' });
  });

  it('an Associate cannot unassign a client that is not theirs through the unassign-self action', () => {
    expect(decide(actorFor('associate', ME), 'client.unassign-self', { kind: 'client', assignedStaffId: COLLEAGUE })).toMatchObject({ allowed: false, code: 'NOT_ASSIGNED_TO_YOU' });
  });
});

describe('appointments: one’s own, and other staff’s', () => {
  type Case = [string, Role | Action[], AppointmentChange, number, number | undefined, boolean];
  // [case, role (or a custom role's ticks), change, whose it is, whom it goes to, allowed]
  const cases: Case[] = [
    ['an Associate books with themself', 'associate', 'book', ME, undefined, true],
    ['an Associate cannot book for a colleague', 'associate', 'book', COLLEAGUE, undefined, false],
    ['an Associate moves their own', 'associate', 'move', ME, undefined, true],
    ['an Associate cannot give their own to a colleague', 'associate', 'move', ME, COLLEAGUE, false],
    ['an Associate cannot move a colleague’s', 'associate', 'move', COLLEAGUE, undefined, false],
    ['an Associate cancels their own', 'associate', 'cancel', ME, undefined, true],
    ['an Associate cannot cancel a colleague’s', 'associate', 'cancel', COLLEAGUE, undefined, false],
    ['a Manager books for a colleague', 'manager', 'book', COLLEAGUE, undefined, true],
    ['a Manager moves a colleague’s to another colleague', 'manager', 'move', COLLEAGUE, 30, true],
    ['a Manager cancels a colleague’s', 'manager', 'cancel', COLLEAGUE, undefined, true],
    ['an Admin moves anyone’s to anyone', 'admin', 'move', COLLEAGUE, 30, true],
    ['a custom role that may move others’ but not book for them takes one for itself', ['appointment.book', 'appointment.move-others'], 'move', COLLEAGUE, ME, true],
    ['… but cannot give it to a third person', ['appointment.book', 'appointment.move-others'], 'move', COLLEAGUE, 30, false],
    ['… nor cancel it', ['appointment.book', 'appointment.move-others'], 'cancel', COLLEAGUE, undefined, false],
    ['a custom role with only the others’ actions books nothing', ['appointment.book-others', 'appointment.move-others', 'appointment.cancel-others'], 'book', COLLEAGUE, undefined, false],
  ];
  for (const [name, role, change, staffId, toStaffId, allowed] of cases) {
    it(name, () => {
      const actor = Array.isArray(role) ? { ...actorFor('associate', ME, role), roleName: 'Front desk' } : actorFor(role, ME);
      const d = decideAppointment(actor, change, staffId, toStaffId);
      expect(d.allowed).toBe(allowed);
      if (!d.allowed) expect(d.code).toBe('ROLE_LACKS_PERMISSION');
    });
  }
});

describe('interactions recorded by hand: one’s own, and for or by other staff', () => {
  type Case = [string, Role | Action[], 'record' | 'correct', number | null, boolean];
  const cases: Case[] = [
    ['an Associate records a sale with themself', 'associate', 'record', ME, true],
    ['an Associate cannot record one for a colleague', 'associate', 'record', COLLEAGUE, false],
    ['an Associate corrects what they recorded', 'associate', 'correct', ME, true],
    ['an Associate cannot correct a colleague’s', 'associate', 'correct', COLLEAGUE, false],
    ['an Associate cannot correct an imported sale (recorded by nobody)', 'associate', 'correct', null, false],
    ['a Manager records for a colleague and corrects theirs', 'manager', 'record', COLLEAGUE, true],
    ['a Manager corrects a colleague’s', 'manager', 'correct', COLLEAGUE, true],
    ['an Admin corrects an imported sale', 'admin', 'correct', null, true],
    ['a custom role that may correct others’ but not edit clients corrects nothing', ['client.view', 'interaction.correct-others'], 'correct', COLLEAGUE, false],
    ['a custom role with edit and record-others records for a colleague', ['client.view', 'client.edit', 'interaction.record-others'], 'record', COLLEAGUE, true],
    ['… but cannot correct a colleague’s', ['client.view', 'client.edit', 'interaction.record-others'], 'correct', COLLEAGUE, false],
  ];
  for (const [name, role, change, ownerId, allowed] of cases) {
    it(name, () => {
      const actor = Array.isArray(role) ? { ...actorFor('associate', ME, role), roleName: 'Front desk' } : actorFor(role, ME);
      const d = decideInteraction(actor, change, ownerId);
      expect(d.allowed).toBe(allowed);
      if (!d.allowed) expect(d.code).toBe('ROLE_LACKS_PERMISSION');
    });
  }
});

describe('trashing clients', () => {
  const cases: [Role, number | null, boolean][] = [
    ['associate', ME, true],
    ['associate', COLLEAGUE, false],
    ['associate', null, false],
    ['manager', COLLEAGUE, true],
    ['manager', null, true],
    ['admin', COLLEAGUE, true],
  ];
  for (const [role, assigned, allowed] of cases) {
    it(`${role} ${allowed ? 'may' : 'may not'} trash a client assigned to ${assigned === ME ? 'them' : assigned === null ? 'nobody' : 'a colleague'}`, () => {
      expect(decide(actorFor(role, ME), 'client.delete', { kind: 'client', assignedStaffId: assigned }).allowed).toBe(allowed);
    });
  }
});

describe('ownership, granting and shop access', () => {
  const narrowedAdmin = { ...actorFor('admin', ME, ['session.use', 'staff.manage', 'roles.manage', 'settings.change', 'import']), roleName: 'Office' };

  it('only the owner, or someone who holds everything, acts on what another person made', () => {
    expect(decide(actorFor('manager', ME), 'import', { kind: 'owned', ownerId: ME }).allowed).toBe(true);
    expect(decide(actorFor('manager', ME), 'import', { kind: 'owned', ownerId: COLLEAGUE })).toMatchObject({ allowed: false, code: 'NOT_YOURS' });
    expect(decide(narrowedAdmin, 'import', { kind: 'owned', ownerId: COLLEAGUE })).toMatchObject({ allowed: false, code: 'NOT_YOURS' });
    expect(decide(actorFor('admin', ME), 'import', { kind: 'owned', ownerId: COLLEAGUE }).allowed).toBe(true);
  });

  it('nobody grants what they do not hold', () => {
    const adminRole = { permissions: ACTIONS, visibility: 'all' as const, hiddenFields: [] };
    const d = decide(narrowedAdmin, 'staff.manage', { kind: 'grant', grant: adminRole });
    expect(d).toMatchObject({ allowed: false, code: 'BEYOND_YOUR_RIGHTS' });
    expect(decide(narrowedAdmin, 'staff.manage', { kind: 'grant', grant: { permissions: ['session.use', 'import'], visibility: 'all', hiddenFields: [] } }).allowed).toBe(true);
    expect(decide(actorFor('admin', ME), 'staff.manage', { kind: 'grant', grant: adminRole }).allowed).toBe(true);
  });

  it('a grant is measured in permissions, visibility and hidden fields alike', () => {
    const manager = { ...actorFor('manager', ME), visibility: 'locations' as const, hiddenFields: new Set(['notes'] as const) };
    expect(beyond(manager, { permissions: ['client.view'], visibility: 'all', hiddenFields: ['notes'] })).toEqual(['see every client']);
    expect(beyond(manager, { permissions: ['client.view'], visibility: 'own', hiddenFields: [] })).toEqual(['see notes fields']);
    expect(beyond(manager, { permissions: ['client.view', 'audit.read'], visibility: 'own', hiddenFields: ['notes'] })).toEqual(['read the audit log']);
  });

  it('only an Admin who holds everything changes who sees which clients', () => {
    expect(isUnrestricted(actorFor('admin', ME))).toBe(true);
    expect(decide(narrowedAdmin, 'settings.change', { kind: 'shop-access' })).toMatchObject({ allowed: false, code: 'FULL_ADMIN_ONLY' });
    expect(decide(actorFor('admin', ME), 'settings.change', { kind: 'shop-access' }).allowed).toBe(true);
    expect(isUnrestricted({ ...actorFor('admin', ME), hiddenFields: new Set(['notes'] as const) })).toBe(false);
  });

  it('only an Admin who holds everything has the Trash erased automatically', () => {
    const cases: [string, Actor, boolean, string?][] = [
      ['Admin', actorFor('admin', ME), true],
      ['narrowed Admin', narrowedAdmin, false, 'ROLE_LACKS_PERMISSION'],
      ['Admin who sees only their own clients', { ...actorFor('admin', ME), visibility: 'own' }, false, 'FULL_ADMIN_ONLY'],
      ['Manager', actorFor('manager', ME), false, 'ROLE_LACKS_PERMISSION'],
      ['Associate', actorFor('associate', ME), false, 'ROLE_LACKS_PERMISSION'],
    ];
    for (const [who, actor, allowed, code] of cases) {
      const d = decide(actor, 'client.purge', { kind: 'trash-retention' });
      expect(d.allowed, who).toBe(allowed);
      if (code) expect(d, who).toMatchObject({ code });
    }
  });
});

describe('custom roles', () => {
  it('hold exactly the permissions ticked, whatever their base role', () => {
    const row = (base: Role, permissions: Action[]) => ({ base_role: base, built_in: 0, permissions: JSON.stringify(permissions), visibility: 'own' as const, hidden_fields: '[]' });
    expect([...rolePolicy(row('admin', ['session.use', 'import'])).permissions].sort()).toEqual(['import', 'session.use']);
    expect([...rolePolicy(row('associate', ['session.use', 'client.view', 'client.merge'])).permissions].sort()).toEqual(['client.merge', 'client.view', 'session.use']);
  });

  it('a custom role is denied in its own name', () => {
    const actor = { ...actorFor('associate', ME, ['session.use', 'client.view']), roleName: 'Trainee' };
    expect(decide(actor, 'client.create')).toEqual({ allowed: false, code: 'ROLE_LACKS_PERMISSION', reason: 'The Trainee role cannot add clients.' });
  });
});

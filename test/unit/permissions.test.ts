import { describe, expect, it } from 'vitest';
import { ACTIONS, decide, decideAssignment, permissionsBeyondBase, type Action } from '../../src-main/domain/permissions';
import type { Role } from '../../src-preload/contract';
import { actorFor } from '../helpers/actors';

/** The matrix the seeds ask for, written out by hand: a change to the code must change this too. */
const MATRIX: Record<Action, Record<Role, boolean>> = {
  'session.use': { admin: true, manager: true, associate: true },
  'client.view': { admin: true, manager: true, associate: true },
  'client.create': { admin: true, manager: true, associate: true },
  'client.edit': { admin: true, manager: true, associate: true },
  'client.delete': { admin: true, manager: true, associate: true },
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
  'client.link': { admin: true, manager: true, associate: true },
  import: { admin: true, manager: true, associate: false },
  export: { admin: true, manager: true, associate: true },
  'staff.manage': { admin: true, manager: false, associate: false },
  'roles.manage': { admin: true, manager: false, associate: false },
  'settings.change': { admin: true, manager: false, associate: false },
  'audit.read': { admin: true, manager: false, associate: false },
  'backup.manage': { admin: true, manager: false, associate: false },
  'backup.restore': { admin: true, manager: false, associate: false },
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
        const decision = decide(actorFor(role, ME), action, { assignedStaffId: ME }, HAND_OVER_ON);
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
    expect(decide(actorFor('associate', ME), 'client.unassign-self', { assignedStaffId: COLLEAGUE })).toMatchObject({ allowed: false, code: 'NOT_ASSIGNED_TO_YOU' });
  });
});

describe('custom roles', () => {
  it('may narrow a built-in role but never widen it', () => {
    expect(permissionsBeyondBase('associate', ['client.view', 'client.merge', 'staff.manage'])).toEqual(['client.merge', 'staff.manage']);
    expect(permissionsBeyondBase('manager', ['client.merge', 'relationship-type.manage'])).toEqual([]);
  });

  it('a custom role is denied in its own name', () => {
    const actor = { ...actorFor('associate', ME, ['session.use', 'client.view']), roleName: 'Trainee' };
    expect(decide(actor, 'client.create')).toEqual({ allowed: false, code: 'ROLE_LACKS_PERMISSION', reason: 'The Trainee role cannot add clients.' });
  });
});

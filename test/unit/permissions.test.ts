import { describe, expect, it } from 'vitest';
import { ACTIONS, decide, type Action } from '../../src-main/domain/permissions';
import type { Role } from '../../src-preload/contract';

const expected: Record<Role, Action[]> = {
  admin: [...ACTIONS],
  manager: ['session.use', 'client.view', 'client.create', 'audit.read'],
  associate: ['session.use', 'client.view', 'client.create'],
};

describe('decide', () => {
  for (const role of Object.keys(expected) as Role[]) {
    for (const action of ACTIONS) {
      const allowed = expected[role].includes(action);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        const decision = decide({ id: 1, name: 'X', role, scope: { kind: 'all' } }, action);
        expect(decision.allowed).toBe(allowed);
        if (!decision.allowed) expect(decision.reason).toMatch(/^(Admins|Managers|Associates) cannot /);
      });
    }
  }
});

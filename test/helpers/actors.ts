import type { Role } from '../../src-preload/contract';
import { BUILT_IN_PERMISSIONS, type Action, type Actor } from '../../src-main/domain/permissions';
import { DEFAULT_VISIBILITY } from '../../src-main/domain/visibility';

const NAMES: Record<Role, string> = { admin: 'Admin', manager: 'Manager', associate: 'Associate' };

/** An actor on a built-in role, as the loader would build it, for pure policy tests. */
export function actorFor(role: Role, id = 10, permissions?: Action[]): Actor {
  return {
    id,
    name: `${NAMES[role]} ${id}`,
    role,
    roleId: 1,
    roleName: NAMES[role],
    permissions: new Set(permissions ?? BUILT_IN_PERMISSIONS[role]),
    visibility: DEFAULT_VISIBILITY[role],
    hiddenFields: new Set(),
    scope: { kind: 'all' },
    locationIds: [],
  };
}

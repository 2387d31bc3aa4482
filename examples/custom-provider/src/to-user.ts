import type { NewUser, User, UserPatch } from '@provisionkit/core';
import type { HelpdeskConfig } from './helpdesk-config.js';
import type { HelpdeskAgent } from './helpdesk-wire.js';

/** Helpdesk's agent in the unified shape. Helpdesk has no groups, invitations or custom attributes. */
export function toUser(agent: HelpdeskAgent): User {
  return {
    id: agent.id,
    userName: agent.login,
    email: agent.email ?? undefined,
    displayName: agent.full_name ?? undefined,
    externalId: agent.external_id ?? undefined,
    status: agent.state === 'disabled' ? 'suspended' : 'active',
    isAdmin: agent.role === 'admin',
    groups: [],
    attributes: {},
    createdAt: agent.created_at,
  };
}

/**
 * A `NewUser` as the body of `POST /agents`. Core has already refused the fields Helpdesk does not
 * store (`creatableFields`), so every field here has a place.
 */
export function toNewAgent(input: NewUser, seat: HelpdeskConfig['seatType']) {
  return {
    login: input.userName,
    email: input.email,
    full_name: input.displayName,
    external_id: input.externalId,
    role: roleOf(input.isAdmin) ?? 'agent',
    seat,
  };
}

/** A `UserPatch` as the body of `PATCH /agents/:id`: only `updatableFields` arrive, `false` and `''` included. */
export function toAgentChanges(patch: UserPatch) {
  return { full_name: patch.displayName, role: roleOf(patch.isAdmin) };
}

function roleOf(isAdmin: boolean | undefined): HelpdeskAgent['role'] | undefined {
  if (isAdmin === undefined) return undefined;
  return isAdmin ? 'admin' : 'agent';
}

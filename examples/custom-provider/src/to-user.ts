import type { NewUser, User } from '@provisionkit/core';
import type { HelpdeskAgent, NewHelpdeskAgent } from './helpdesk-api.js';
import type { HelpdeskConfig } from './helpdesk-config.js';

/** Helpdesk's agent in the unified shape. Helpdesk has no groups, invitations or custom attributes. */
export function toUser(agent: HelpdeskAgent): User {
  return {
    id: agent.id,
    userName: agent.login,
    ...(agent.email === undefined ? {} : { email: agent.email }),
    ...(agent.full_name === undefined ? {} : { displayName: agent.full_name }),
    ...(agent.external_id === undefined ? {} : { externalId: agent.external_id }),
    status: agent.state === 'disabled' ? 'suspended' : 'active',
    isAdmin: agent.role === 'admin',
    groups: [],
    attributes: {},
    createdAt: agent.created_at,
  };
}

/**
 * A `NewUser` as Helpdesk's create body. Core has already refused the fields Helpdesk does not store
 * (`creatableFields`), so every field here has a place.
 */
export function toNewAgent(input: NewUser, seat: HelpdeskConfig['seatType']): NewHelpdeskAgent {
  return {
    login: input.userName,
    email: input.email,
    full_name: input.displayName,
    external_id: input.externalId,
    role: input.isAdmin === true ? 'admin' : 'agent',
    seat,
  };
}

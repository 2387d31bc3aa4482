import { type NewUser, UnsupportedOperationError, type User } from '@provisionkit/core';
import type { HelpdeskAgent, NewHelpdeskAgent } from './helpdesk-api.js';
import { HELPDESK_PROVIDER_ID } from './helpdesk-capabilities.js';
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
 * A `NewUser` as Helpdesk's create body. Helpdesk keeps one full name, so given and family names fold
 * into it. `groups` are refused rather than dropped: the caller would believe access was granted.
 */
export function toNewAgent(input: NewUser, seat: HelpdeskConfig['seatType']): NewHelpdeskAgent {
  if (input.groups !== undefined && input.groups.length > 0) {
    throw new UnsupportedOperationError('helpdesk has no groups', {
      provider: HELPDESK_PROVIDER_ID,
      details: { field: 'groups' },
    });
  }
  const parts = [input.givenName, input.familyName].filter((part) => part !== undefined && part !== '');
  return {
    login: input.userName,
    email: input.email,
    full_name: input.displayName ?? (parts.length > 0 ? parts.join(' ') : undefined),
    external_id: input.externalId,
    role: input.isAdmin === true ? 'admin' : 'agent',
    seat,
  };
}

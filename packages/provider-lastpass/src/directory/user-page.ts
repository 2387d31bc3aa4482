import { normalizeUserName, type User } from '@provisionkit/core';
import type { GetUserDataResponse, LastPassUser } from '../client/index.js';
import { invitedNames, toUnifiedUser } from './to-unified-user.js';

/** A LastPass record together with its unified form. */
export interface FoundUser {
  readonly record: LastPassUser;
  readonly user: User;
}

/**
 * Maps every user of one `getuserdata` answer. Invitation and the `Groups` map are page-level
 * facts, so they are read here; memberships of users not on this page (a company-wide `Groups`
 * map) are ignored, which keeps the work per page bounded by the page.
 */
export function mapUserPage(page: GetUserDataResponse, timeZone: string): FoundUser[] {
  const invited = invitedNames(page.invited);
  const onPage = new Set(page.users.map((record) => normalizeUserName(record.username)));
  const memberships = new Map<string, string[]>();
  for (const group of page.groups) {
    for (const member of group.members) {
      const key = normalizeUserName(member);
      if (!onPage.has(key)) continue;
      const list = memberships.get(key) ?? [];
      list.push(group.name);
      memberships.set(key, list);
    }
  }
  return page.users.map((record) => {
    const key = normalizeUserName(record.username);
    const user = toUnifiedUser(record, {
      invited: invited.has(key),
      timeZone,
      extraGroups: memberships.get(key),
    });
    return { record, user };
  });
}

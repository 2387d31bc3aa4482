import type { Group } from '@provisionkit/core';
import type { UserLocator } from './user-locator.js';

/**
 * LastPass has no group listing command and groups have no id: groups are read from a full listing
 * (each user's memberships, merged with the page's `Groups` map) and identified by name. Groups
 * without members do not appear in `getuserdata`, so they are not listed.
 */
export async function listGroups(locator: UserLocator, signal?: AbortSignal): Promise<Group[]> {
  const members = new Map<string, number>();
  for await (const page of locator.pages({ signal })) {
    for (const { user } of page) {
      for (const group of user.groups) members.set(group, (members.get(group) ?? 0) + 1);
    }
  }
  return [...members]
    .filter(([name]) => name.trim() !== '')
    .map(([name, memberCount]) => ({ id: name, name, memberCount }));
}

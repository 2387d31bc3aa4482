import type { ListUsersOptions, User, UserStatus } from '@provisionkit/core';
import type { UserLocator } from './user-locator.js';

/**
 * `listUsers`: one `getuserdata` page per pull (plus one page prefetched). A `suspended`-only
 * listing uses LastPass's `disabled` filter; other statuses and the group filter are applied here,
 * page by page, so nothing accumulates.
 */
export async function* listUsers(locator: UserLocator, options: ListUsersOptions = {}): AsyncGenerator<User> {
  const statuses = options.status === undefined ? undefined : new Set<UserStatus>([options.status].flat());
  const onlySuspended = statuses?.size === 1 && statuses.has('suspended');
  const query = { pageSize: options.pageSize, disabled: onlySuspended, signal: options.signal };
  for await (const page of locator.lazyPages(query)) {
    for (const { user } of page) {
      if (statuses !== undefined && !statuses.has(user.status)) continue;
      if (options.group !== undefined && !user.groups.includes(options.group)) continue;
      yield user;
    }
  }
}

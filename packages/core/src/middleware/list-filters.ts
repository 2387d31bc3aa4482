import type { User, UserStatus } from '../model/user.js';
import type { Capabilities } from '../spi/capabilities.js';
import type { ListUsersOptions } from '../spi/list-options.js';

export interface FilterPlan {
  /** What the provider is asked for: only the filters it declares in `listFilters`. */
  readonly providerOptions: ListUsersOptions;
  /** Applied by core to each user, for the filters the provider does not declare. */
  readonly keep: (user: User) => boolean;
}

/**
 * Splits the caller's filters between the provider and core. A filter the provider cannot apply is
 * emulated by filtering the stream, so callers get the same answer from every provider (at the cost
 * of fetching every page). Group names are compared exactly, as providers report them.
 */
export function planListFilters(capabilities: Capabilities, options: ListUsersOptions): FilterPlan {
  const { status, group, ...rest } = options;
  const delegated: { status?: ListUsersOptions['status']; group?: string } = {};
  const checks: ((user: User) => boolean)[] = [];
  if (status !== undefined) {
    if (capabilities.listFilters.includes('status')) delegated.status = status;
    else {
      const wanted: readonly UserStatus[] = Array.isArray(status) ? status : [status];
      checks.push((user) => wanted.includes(user.status));
    }
  }
  if (group !== undefined) {
    if (capabilities.listFilters.includes('group')) delegated.group = group;
    else checks.push((user) => user.groups.includes(group));
  }
  return {
    providerOptions: { ...rest, ...delegated },
    keep: (user) => checks.every((check) => check(user)),
  };
}

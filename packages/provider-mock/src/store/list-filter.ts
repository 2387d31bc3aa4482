import type { ListUsersOptions, UserStatus } from '@provisionkit/core';
import type { UserRecord } from './user-record.js';

/** The `status` and `group` filters of `listUsers` as one predicate (both must hold when both are set). */
export function listFilter(
  options: Pick<ListUsersOptions, 'status' | 'group'>,
): (record: UserRecord) => boolean {
  const { status, group } = options;
  const statuses: ReadonlySet<UserStatus> | undefined =
    status === undefined ? undefined : new Set(Array.isArray(status) ? status : [status]);
  return (record) =>
    (statuses === undefined || statuses.has(record.status)) &&
    (group === undefined || record.groups.includes(group));
}

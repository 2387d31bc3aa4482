import { z } from 'zod';
import { GroupName, IsoTimestamp } from '../model/primitives.js';
import { UserStatus } from '../model/user.js';

export const ListUsersOptions = z
  .strictObject({
    /** Users fetched per provider request; defaults to the provider's `defaultPageSize`. */
    pageSize: z.number().int().positive().optional(),
    /** Only users in one of these states. */
    status: z.union([UserStatus, z.array(UserStatus).min(1)]).optional(),
    /** Only members of this group. */
    group: GroupName.optional(),
    /** Aborting it ends the listing with `CancelledError` (thrown from `next()`); no page is fetched after. */
    signal: z.instanceof(AbortSignal).optional(),
  })
  .optional();
export type ListUsersOptions = NonNullable<z.input<typeof ListUsersOptions>>;

/** Options of `listUsersChangedSince`. */
export const ListChangesOptions = z.strictObject({
  /** Users created or changed at or after this instant (the provider's clock). */
  since: IsoTimestamp,
  pageSize: z.number().int().positive().optional(),
  /** Aborting it ends the listing with `CancelledError` (thrown from `next()`); no page is fetched after. */
  signal: z.instanceof(AbortSignal).optional(),
});
export type ListChangesOptions = z.input<typeof ListChangesOptions>;

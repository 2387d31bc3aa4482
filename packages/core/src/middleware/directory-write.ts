import type { User, UserRef } from '../model/user.js';
import type { BatchResult } from '../spi/batch-result.js';
import type { Verb } from '../spi/verbs.js';

/**
 * A successful write, as the framework reports it to a state store: the users the provider
 * answered with, or the ref of a user that left the directory.
 */
export type DirectoryWrite =
  | { readonly operation: Verb; readonly kind: 'upsert'; readonly users: readonly User[] }
  | { readonly operation: Verb; readonly kind: 'delete'; readonly ref: UserRef };

const UPSERTS = new Set<Verb>([
  'createUser',
  'updateUser',
  'suspendUser',
  'reactivateUser',
  'addToGroups',
  'removeFromGroups',
]);
const DELETES = new Set<Verb>(['removeUser', 'purgeUser', 'cancelInvitation']);

/** The write an operation's result describes, or undefined for reads. */
export function writeOf(
  operation: Verb,
  result: unknown,
  ref: UserRef | undefined,
): DirectoryWrite | undefined {
  if (UPSERTS.has(operation)) return { operation, kind: 'upsert', users: [result as User] };
  if (operation === 'createUsers') {
    const users = (result as BatchResult).items.flatMap((item) => (item.ok ? [item.user] : []));
    return users.length === 0 ? undefined : { operation, kind: 'upsert', users };
  }
  if (DELETES.has(operation) && ref !== undefined) return { operation, kind: 'delete', ref };
  return undefined;
}

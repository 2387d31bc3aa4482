import type { NewUser, UserRef } from '../../model/user.js';
import type { OperationOptions } from '../../spi/operation-options.js';
import type { Verb } from '../../spi/verbs.js';
import type { ContractTest } from '../contract-kit.js';
import { patchFor } from './field-values.js';

/** Verbs that take a `UserRef`: each must answer `not_found` for a user that does not exist. */
export const REF_VERBS = [
  'getUser',
  'updateUser',
  'suspendUser',
  'reactivateUser',
  'removeUser',
  'purgeUser',
  'cancelInvitation',
  'addToGroups',
  'removeFromGroups',
] as const;

/**
 * Calls `verb` with well-formed arguments addressing `ref` (or `input`, a fresh user by default, for
 * creates), passing `options` (a signal) as the last argument.
 */
export function callVerb(
  t: ContractTest,
  verb: Verb,
  ref: UserRef,
  options?: OperationOptions,
  input: NewUser = t.newUser(),
): Promise<unknown> {
  const d = t.directory;
  switch (verb) {
    case 'listUsers':
      return (async () => {
        for await (const _user of d.listUsers(options)) break;
      })();
    case 'getUser':
      return d.getUser(ref, options);
    case 'createUser':
      return d.createUser(input, options);
    case 'createUsers':
      return d.createUsers([input], options);
    case 'updateUser':
      return d.updateUser(ref, patchFor(t.capabilities.updatableFields[0] ?? 'givenName', t), options);
    case 'addToGroups':
    case 'removeFromGroups':
      return d[verb](ref, [t.groupName()], options);
    case 'listUsersChangedSince':
      return (async () => {
        const since = new Date(0).toISOString();
        for await (const _user of d.listUsersChangedSince!({ since, ...options })) break;
      })();
    case 'listGroups':
      return d.listGroups(options);
    case 'verifyCredentials':
      return d.verifyCredentials(options);
    default:
      return d[verb](ref, options);
  }
}

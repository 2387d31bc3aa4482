import type { UserRef } from '../../model/user.js';
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

/** Calls `verb` with well-formed arguments addressing `ref` (or a fresh user for creates). */
export function callVerb(t: ContractTest, verb: Verb, ref: UserRef): Promise<unknown> {
  const d = t.directory;
  switch (verb) {
    case 'listUsers':
      return (async () => {
        for await (const _user of d.listUsers()) break;
      })();
    case 'getUser':
      return d.getUser(ref);
    case 'createUser':
      return d.createUser(t.newUser());
    case 'createUsers':
      return d.createUsers([t.newUser()]);
    case 'updateUser':
      return d.updateUser(ref, patchFor(t.capabilities.updatableFields[0] ?? 'givenName', t));
    case 'addToGroups':
    case 'removeFromGroups':
      return d[verb](ref, [t.groupName()]);
    case 'listUsersChangedSince':
      return (async () => {
        for await (const _user of d.listUsersChangedSince!({ since: new Date(0).toISOString() })) break;
      })();
    case 'listGroups':
      return d.listGroups();
    case 'verifyCredentials':
      return d.verifyCredentials();
    default:
      return d[verb](ref);
  }
}

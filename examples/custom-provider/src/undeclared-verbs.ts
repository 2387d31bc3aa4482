import { type Group, UnsupportedOperationError, type User, type Verb } from '@provisionkit/core';
import { HELPDESK_PROVIDER_ID } from './helpdesk-capabilities.js';

/**
 * The `UserDirectory` methods of the verbs Helpdesk does not declare. The interface requires every
 * method, but core answers `unsupported_operation` before calling an undeclared one, so these only
 * reject whoever calls the raw class directly.
 */
export abstract class UndeclaredVerbs {
  removeUser(): Promise<void> {
    return undeclared('removeUser');
  }
  purgeUser(): Promise<void> {
    return undeclared('purgeUser');
  }
  cancelInvitation(): Promise<void> {
    return undeclared('cancelInvitation');
  }
  addToGroups(): Promise<User> {
    return undeclared('addToGroups');
  }
  removeFromGroups(): Promise<User> {
    return undeclared('removeFromGroups');
  }
  listGroups(): Promise<Group[]> {
    return undeclared('listGroups');
  }
}

function undeclared(verb: Verb): Promise<never> {
  const error = new UnsupportedOperationError(`helpdesk does not support ${verb}`, {
    provider: HELPDESK_PROVIDER_ID,
    details: { operation: verb },
  });
  return Promise.reject(error);
}

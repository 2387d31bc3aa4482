import { expect } from 'vitest';
import type { NewUser, User, UserPatch, UserPatchField } from '../../model/user.js';
import type { Capabilities } from '../../spi/capabilities.js';
import type { ContractTest } from '../contract-kit.js';

const TEXT_FIELDS = ['email', 'givenName', 'familyName', 'displayName', 'externalId'] as const;

/**
 * Checks the optional fields a create stored. Only fields the provider can update are checked: a
 * provider that cannot change a field may well not keep it either (the unified model is a superset).
 */
export function expectStoredFields(capabilities: Capabilities, user: User, input: NewUser): void {
  for (const field of TEXT_FIELDS) {
    if (input[field] === undefined || !capabilities.updatableFields.includes(field)) continue;
    expect(user[field], field).toBe(input[field]);
  }
}

/** A patch changing `field` to a fresh value nobody else holds. */
export function patchFor(field: UserPatchField, t: ContractTest): UserPatch {
  const token = t.token();
  switch (field) {
    case 'userName':
      return { userName: t.userName() };
    case 'email':
      return { email: `changed-${token}@example.test` };
    case 'givenName':
      return { givenName: `Grace ${token}` };
    case 'familyName':
      return { familyName: `Hopper-${token}` };
    case 'displayName':
      return { displayName: `Grace Hopper ${token}` };
    case 'isAdmin':
      return { isAdmin: true };
    case 'externalId':
      return { externalId: `ext-${token}` };
    case 'attributes':
      return { attributes: { department: `dept-${token}` } };
  }
}

/** Asserts `user` shows the change `patch` made to `field`. */
export function expectPatched(user: User, field: UserPatchField, patch: UserPatch): void {
  if (field === 'attributes') {
    expect(user.attributes, field).toMatchObject(patch.attributes ?? {});
    return;
  }
  expect(user[field], field).toBe(patch[field]);
}

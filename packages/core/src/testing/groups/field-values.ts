import { expect } from 'vitest';
import type { NewUser, User, UserPatch, UserPatchField } from '../../model/user.js';
import { type Capabilities, CREATE_FIELDS } from '../../spi/capabilities.js';
import type { ContractTest } from '../contract-kit.js';

/**
 * A new user carrying every field the provider declares in `creatableFields` (name parts, or a
 * displayName for a provider keeping one full name; `isAdmin` has a test of its own). Attributes
 * include `false` and a number, which a provider must keep as they are.
 */
export function declaredFieldsInput(t: ContractTest): NewUser {
  const token = t.token();
  const input = t.newUser({
    externalId: `ext-${token}`,
    attributes: { department: `dept-${token}`, contractor: false, badge: 7 },
  });
  if (t.creates('email') && input.email === undefined)
    return { ...input, email: `mail-${token}@example.test` };
  return input;
}

/** Asserts that `user` holds each declared field of `input` as it was given. */
export function expectStoredFields(
  capabilities: Capabilities,
  user: User,
  input: NewUser,
  seen: string,
): void {
  for (const field of CREATE_FIELDS) {
    const given = input[field];
    if (given === undefined || !capabilities.creatableFields.includes(field)) continue;
    if (field === 'attributes') expect(user.attributes, `${field} ${seen}`).toMatchObject(given as object);
    else expect(user[field], `${field} ${seen}`).toBe(given);
  }
}

/** `[field, value]` for each new-user field the provider does not store, with a value that asks for it. */
export function undeclaredFieldValues(t: ContractTest): [string, unknown][] {
  const token = t.token();
  const values: Record<string, unknown> = {
    email: `other-${token}@example.test`,
    givenName: 'Ada',
    familyName: `Lovelace-${token}`,
    displayName: `Ada Lovelace-${token}`,
    isAdmin: true,
    externalId: `ext-${token}`,
    attributes: { department: `dept-${token}` },
  };
  const refused: [string, unknown][] = CREATE_FIELDS.filter((field) => !t.creates(field)).map((field) => [
    field,
    values[field],
  ]);
  if (!t.capabilities.acceptsPassword) refused.push(['password', t.canaryPassword]);
  if (!t.capabilities.verbs.includes('addToGroups')) refused.push(['groups', [t.groupName()]]);
  return refused;
}

/**
 * A patch changing `field` to a fresh value nobody else holds. A new userName is in mixed case (it
 * must be kept as given); new attributes include `false` and `''` (they must be kept, not skipped).
 */
export function patchFor(field: UserPatchField, t: ContractTest): UserPatch {
  const token = t.token();
  switch (field) {
    case 'userName':
      return { userName: t.mixedCase(t.userName()) };
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
      return { attributes: { department: `dept-${token}`, contractor: false, note: '' } };
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

import type { z } from 'zod';
import { UnsupportedOperationError } from '../errors/error-classes.js';
import type { NewUser } from '../model/user.js';
import { type Capabilities, CREATE_FIELDS, supports } from '../spi/capabilities.js';
import type { InputContext } from './validate-input.js';

type ParsedNewUser = z.output<typeof NewUser>;

/**
 * The one policy for the fields of a new user a provider does not store: a field that asks for
 * something (a name, `isAdmin: true`, a group, a password) is refused with `unsupported_operation`
 * naming it, because dropping it would leave the caller believing it was kept; a field that asks
 * for nothing (`isAdmin: false`, `''`, `[]`, `{}`) is removed. Either way the provider receives
 * only the fields it declares. `user` is core's own parsed copy and is changed in place.
 */
export function applyCreateFieldPolicy(
  context: InputContext,
  user: ParsedNewUser,
  argument: string,
): ParsedNewUser {
  const fields = user as Record<string, unknown>;
  const refused: string[] = [];
  for (const field of unstoredFields(context.capabilities)) {
    const value = fields[field];
    if (value === undefined) continue;
    if (asksForNothing(value)) delete fields[field];
    else refused.push(`${argument}.${field}`);
  }
  if (refused.length > 0) {
    throw new UnsupportedOperationError(`${context.provider} does not store ${refused.join(', ')}`, {
      provider: context.provider,
      details: { field: refused[0], fields: refused },
    });
  }
  return user;
}

// Computed once per capabilities object (connections share theirs): a batch of 10,000 users then
// checks only the few fields its provider does not store, and none for a provider storing all.
const unstored = new WeakMap<Capabilities, readonly string[]>();

/** The new-user fields `capabilities` do not store. */
function unstoredFields(capabilities: Capabilities): readonly string[] {
  let fields = unstored.get(capabilities);
  if (fields === undefined) {
    const creatable: readonly string[] = capabilities.creatableFields;
    fields = [
      ...CREATE_FIELDS.filter((field) => !creatable.includes(field)),
      ...(supports(capabilities, 'addToGroups') ? [] : ['groups']),
      ...(capabilities.acceptsPassword ? [] : ['password']),
    ];
    unstored.set(capabilities, fields);
  }
  return fields;
}

/** What a provider that does not store the field gives anyway: nothing is lost by leaving it out. */
function asksForNothing(value: unknown): boolean {
  if (value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

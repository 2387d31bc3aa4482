import { z } from 'zod';
import { ProviderError } from '../errors/error-classes.js';
import { Group } from '../model/group.js';
import { User } from '../model/user.js';
import type { BatchItemResult } from '../spi/batch-result.js';
import { CredentialCheck } from '../spi/credential-check.js';
import type { Verb } from '../spi/verbs.js';
import { toProvisioningError } from './normalize-error.js';
import { readUserFast } from './user-fast-check.js';

const Groups = z.array(Group);
const BatchShape = z.object({
  items: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      ok: z.boolean(),
      userName: z.string().optional(),
      user: z.unknown().optional(),
      error: z.unknown().optional(),
    }),
  ),
});

const MAX_LISTED_FIELDS = 5;

/** Field paths only: the payload itself may hold personal data or secrets. */
function malformed(provider: string, operation: Verb, what: string, error: z.ZodError): ProviderError {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))];
  const listed = fields.slice(0, MAX_LISTED_FIELDS).join(', ');
  return new ProviderError(`${operation} returned ${what} that does not match the schema (${listed})`, {
    provider,
    details: { operation, fields: fields.slice(0, MAX_LISTED_FIELDS) },
  });
}

export function checkUser(provider: string, operation: Verb, value: unknown): User {
  const fast = readUserFast(value);
  if (fast !== undefined) return fast;
  const result = User.safeParse(value);
  if (!result.success) throw malformed(provider, operation, 'a user', result.error);
  return result.data;
}

export function checkGroups(provider: string, value: unknown): Group[] {
  const result = Groups.safeParse(value);
  if (!result.success) throw malformed(provider, 'listGroups', 'groups', result.error);
  return result.data;
}

export function checkCredentialCheck(provider: string, value: unknown): CredentialCheck {
  const result = CredentialCheck.safeParse(value);
  if (!result.success) throw malformed(provider, 'verifyCredentials', 'a credential check', result.error);
  return result.data;
}

/**
 * Validates the result of one `createUsers` call for `userNames.length` items and returns its items.
 * Each chunk-local index must appear exactly once; the items carry `indexes[i]` for chunk-local `i`
 * (default: `i` itself). Item errors become typed errors.
 */
export function checkBatchItems(
  provider: string,
  value: unknown,
  userNames: readonly string[],
  indexes?: readonly number[],
): BatchItemResult[] {
  const batchItems = isWellFormedBatch(value) ? value.items : parseBatch(provider, value).items;
  // One flag per item, not a Set of indexes: batches run to thousands of items.
  const seen = new Uint8Array(userNames.length);
  const items = new Array<BatchItemResult>(batchItems.length);
  for (let position = 0; position < batchItems.length; position++) {
    const item = batchItems[position]!;
    const expected = userNames[item.index];
    if (expected === undefined || seen[item.index] === 1) throw badCoverage(provider, userNames.length);
    seen[item.index] = 1;
    const userName = item.userName === undefined || item.userName === '' ? expected : item.userName;
    const index = indexes === undefined ? item.index : indexes[item.index]!;
    items[position] = item.ok
      ? { index, userName, ok: true, user: checkUser(provider, 'createUsers', item.user) }
      : { index, userName, ok: false, error: toProvisioningError(item.error, provider, 'createUsers') };
  }
  // Every index was seen at most once, so as many items as names means each was seen once.
  if (batchItems.length !== userNames.length) throw badCoverage(provider, userNames.length);
  return items;
}

type BatchShape = z.output<typeof BatchShape>;

/**
 * True when `BatchShape` would accept `value` as it is: the common case of a large batch, checked
 * without a zod parse per item. Anything else goes to the schema, which names the broken fields.
 */
function parseBatch(provider: string, value: unknown): BatchShape {
  const parsed = BatchShape.safeParse(value);
  if (!parsed.success) throw malformed(provider, 'createUsers', 'a batch result', parsed.error);
  return parsed.data;
}

function isWellFormedBatch(value: unknown): value is BatchShape {
  if (typeof value !== 'object' || value === null) return false;
  const items = (value as { items?: unknown }).items;
  if (!Array.isArray(items)) return false;
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
    const { index, ok, userName } = item as { index?: unknown; ok?: unknown; userName?: unknown };
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return false;
    if (typeof ok !== 'boolean' || (userName !== undefined && typeof userName !== 'string')) return false;
  }
  return true;
}

function badCoverage(provider: string, size: number): ProviderError {
  return new ProviderError(
    `createUsers returned a batch result that does not cover each of the ${size} items once`,
    {
      provider,
      details: { operation: 'createUsers', expectedItems: size },
    },
  );
}

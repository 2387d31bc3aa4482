import { InvalidInputError } from '@provisionkit/core';
import { BatchAddUser, PROVIDER_ID } from '../client/index.js';
import { type BatchSlot, fail } from './batch-slots.js';

// Wire fields as the caller named them in `NewUser`.
const MODEL_FIELD: Readonly<Record<string, string>> = {
  username: 'userName',
  fullname: 'displayName',
  groups: 'groups',
  password: 'password',
  attribs: 'attributes',
};

/**
 * When the client refuses a `batchadd` chunk before sending it (its schema checks every item), the
 * items it cannot send fail alone, each with its own fields named, and the rest can still be sent.
 * Only on that path: a zod parse per item would cost more than the rest of a large batch's work.
 * Returns how many items were refused.
 */
export function refuseUnsendable(slots: readonly BatchSlot[]): number {
  let refused = 0;
  for (const slot of slots) {
    const parsed = BatchAddUser.safeParse(slot.wire);
    if (parsed.success) continue;
    const issues = parsed.error.issues.map((issue) => {
      const [field, ...rest] = issue.path.map(String);
      return { path: [MODEL_FIELD[field ?? ''] ?? field, ...rest].join('.'), message: issue.message };
    });
    const named = issues.map((issue) => issue.path).join(', ');
    fail(
      slot,
      new InvalidInputError(`Invalid user: ${named} cannot be sent to LastPass`, issues, {
        provider: PROVIDER_ID,
      }),
    );
    refused += 1;
  }
  return refused;
}

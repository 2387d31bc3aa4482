import { ConflictError, echoExcerpt, ProviderError } from '@provisionkit/core';
import { PROVIDER_ID } from '../client/index.js';
import { type BatchSlot, fail } from './batch-slots.js';

const EMAIL = /[^\s"'<>:,;()[\]]+@[^\s"'<>:,;()[\]]+/g;
const AT_INDEX = /\bindex\s+(\d+)\b/i;
const ALREADY_EXISTS = /already exists/i;

export interface WarningContext {
  /**
   * The chunk is a resend after an attempt whose fate was unknown: "already exists" may name a user
   * that attempt created, so it is left to the read-back (the check before sending found none).
   */
  readonly resent?: boolean;
}

/**
 * A `batchadd` WARN lists texts such as `"bob@example.com already exists"`. Each text naming an item
 * of the chunk (by email, or by "index N") fails that item: "already exists" is a conflict, anything
 * else a provider error carrying the redacted text. Texts naming no item are left to the read-back.
 */
export function applyWarnings(
  chunk: readonly BatchSlot[],
  texts: readonly string[],
  secrets: readonly string[],
  context: WarningContext = {},
): void {
  for (const text of texts) {
    const slot = slotNamedBy(chunk, text);
    if (slot === undefined || slot.result !== undefined) continue;
    if (context.resent === true && ALREADY_EXISTS.test(text)) continue;
    const details = { cmd: 'batchadd', status: 'WARN', message: echoExcerpt(text, secrets, 200) };
    fail(
      slot,
      ALREADY_EXISTS.test(text)
        ? new ConflictError('LastPass reports that this user already exists', {
            provider: PROVIDER_ID,
            details,
          })
        : new ProviderError('LastPass reported a problem with this user', { provider: PROVIDER_ID, details }),
    );
  }
}

function slotNamedBy(chunk: readonly BatchSlot[], text: string): BatchSlot | undefined {
  for (const email of text.match(EMAIL) ?? []) {
    const key = email.toLowerCase();
    const slot = chunk.find((candidate) => candidate.key === key);
    if (slot !== undefined) return slot;
  }
  const index = AT_INDEX.exec(text);
  return index === null ? undefined : chunk[Number(index[1])];
}

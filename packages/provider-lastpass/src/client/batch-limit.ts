import { InvalidInputError } from '@provisionkit/core';
import { PROVIDER_ID } from './interpret-response.js';

/**
 * Batches larger than the connection's `batchSize` are refused, not split: the caller owns the
 * per-chunk bookkeeping (and, for batchadd, the read-back of each chunk).
 */
export function assertBatchSize<T>(items: readonly T[], batchSize: number, argument: string): readonly T[] {
  if (Array.isArray(items) && items.length > batchSize) {
    const issue = { path: argument, message: `must contain at most ${batchSize} items` };
    throw new InvalidInputError(`Invalid ${argument}: ${issue.message}`, [issue], { provider: PROVIDER_ID });
  }
  return items;
}

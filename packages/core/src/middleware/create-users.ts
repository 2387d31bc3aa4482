import type { z } from 'zod';
import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { NewUser } from '../model/user.js';
import { type BatchItemResult, type BatchResult, batchResult } from '../spi/batch-result.js';
import type { DirectoryContext } from './directory-context.js';
import type { CallState } from './run-operation.js';
import { type IndexedItem, splitBatch } from './split-batch.js';
import { ensureBatchArray, parseNewUser } from './validate-input.js';
import { checkBatchItems } from './validate-output.js';

type ParsedNewUser = z.output<typeof NewUser>;

/** Item failures that, once the signal fired, say only "interrupted": reported as `cancelled`. */
const INTERRUPTED_CODES: ReadonlySet<string> = new Set(['unavailable', 'provider_error']);

/**
 * `createUsers` in core: invalid items fail alone (`InvalidInputError` on `batch.<i>`) while valid
 * ones are sent; batches larger than `maxBatchSize` are sent as consecutive chunks and the per-item
 * results are merged back under the caller's indexes. There is one result per index of the input,
 * holes of a sparse array included (a hole is an invalid item).
 *
 * When the first chunk fails as a whole, nothing was created (the SPI lets `createUsers` throw only
 * then) and the error is thrown, as for a single call. When a later chunk fails, earlier chunks did
 * create users, so the result is returned: the failed chunk's items and those of the chunks not sent
 * carry that chunk's error. Once the signal aborts no further chunk is sent: those items get
 * `CancelledError`, and items of the chunk in flight keep the outcome the provider reported.
 */
export async function createUsersInChunks(
  context: DirectoryContext,
  batch: unknown,
  call: CallState,
): Promise<BatchResult> {
  const items = ensureBatchArray(context, batch);
  call.itemCount = items.length;
  const results: BatchItemResult[] = [];
  const valid: IndexedItem<ParsedNewUser>[] = [];
  // A `for` over indexes, not `forEach`: `forEach` skips the holes of a sparse array.
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    try {
      valid.push({ index, item: parseNewUser(context, item, `batch.${index}`) });
    } catch (error) {
      results.push({ index, userName: userNameOf(item), ok: false, error: call.finalize(error) });
    }
  }

  const chunks = splitBatch(valid, context.capabilities.maxBatchSize);
  for (const [position, chunk] of chunks.entries()) {
    if (call.signal.aborted) {
      failRest(results, chunks.slice(position), call.finalize(call.signal.reason));
      break;
    }
    try {
      const sent = await sendChunk(context, chunk, call.signal);
      results.push(...sent.map((item) => finalizeItem(item, call)));
    } catch (error) {
      if (position === 0) throw error;
      failRest(results, chunks.slice(position), call.finalize(error));
      break;
    }
  }
  return batchResult(results);
}

function failRest(
  results: BatchItemResult[],
  chunks: readonly (readonly IndexedItem<ParsedNewUser>[])[],
  failure: ProvisioningError,
): void {
  for (const entry of chunks.flat()) {
    results.push({ index: entry.index, userName: entry.item.userName, ok: false, error: failure });
  }
}

/** Sends one chunk and maps the provider's chunk-local indexes back to the caller's. */
async function sendChunk(
  context: DirectoryContext,
  chunk: readonly IndexedItem<ParsedNewUser>[],
  signal: AbortSignal,
): Promise<BatchItemResult[]> {
  const raw = await context.inner.createUsers(
    chunk.map((entry) => entry.item),
    { signal },
  );
  const userNames = chunk.map((entry) => entry.item.userName);
  return checkBatchItems(context.provider, raw, userNames).map((item) => ({
    ...item,
    index: chunk[item.index]!.index,
  }));
}

/**
 * A definite item outcome (created, conflict, invalid) stands even after an abort; an item that
 * failed only because its request was interrupted becomes `cancelled`.
 */
function finalizeItem(item: BatchItemResult, call: CallState): BatchItemResult {
  if (item.ok) return item;
  const interrupted = call.signal.aborted && INTERRUPTED_CODES.has(item.error.code);
  return { ...item, error: interrupted ? call.finalize(item.error) : call.scrub(item.error) };
}

function userNameOf(item: unknown): string {
  const userName = (item as { userName?: unknown } | null | undefined)?.userName;
  return typeof userName === 'string' ? userName : '';
}

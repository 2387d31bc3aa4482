import type { z } from 'zod';
import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { NewUser, User } from '../model/user.js';
import { type BatchItemResult, type BatchResult, batchResult } from '../spi/batch-result.js';
import { createOneByOne } from './create-users-one-by-one.js';
import type { DirectoryContext } from './directory-context.js';
import { methodOf } from './directory-methods.js';
import { finalizeItem } from './item-errors.js';
import type { CallState } from './run-operation.js';
import { type IndexedItem, splitBatch } from './split-batch.js';
import { ensureBatchArray, parseNewUser } from './validate-input.js';
import { checkBatchItems } from './validate-output.js';

type ParsedNewUser = z.output<typeof NewUser>;

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

  // A provider without a bulk endpoint implements createUser only: core sends each item alone.
  if (context.inner.createUsers === undefined) {
    await createOneByOne(context, valid, call, results);
    return batchResult(results);
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
  const result = batchResult(results);
  call.failedItemCount = result.failed;
  return result;
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
  const createUsers = methodOf(context.inner, 'createUsers', context.provider);
  const raw = await createUsers(
    chunk.map((entry) => entry.item),
    { signal },
  );
  const userNames = chunk.map((entry) => entry.item.userName);
  const indexes = chunk.map((entry) => entry.index);
  return checkBatchItems(context.provider, raw, userNames, indexes);
}

/** `createUser` of a provider that implements only `createUsers`: a batch of one. */
export async function createOneThroughBatch(
  context: DirectoryContext,
  input: ParsedNewUser,
  signal: AbortSignal,
): Promise<User> {
  const createUsers = methodOf(context.inner, 'createUsers', context.provider);
  const [item] = checkBatchItems(context.provider, await createUsers([input], { signal }), [input.userName]);
  if (item!.ok) return item!.user;
  throw item!.error;
}

function userNameOf(item: unknown): string {
  const userName = (item as { userName?: unknown } | null | undefined)?.userName;
  return typeof userName === 'string' ? userName : '';
}

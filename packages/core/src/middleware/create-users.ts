import type { z } from 'zod';
import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { NewUser } from '../model/user.js';
import { type BatchItemResult, type BatchResult, batchResult } from '../spi/batch-result.js';
import type { DirectoryContext } from './directory-context.js';
import { finalizeError } from './normalize-error.js';
import type { CallState } from './run-operation.js';
import { type IndexedItem, splitBatch } from './split-batch.js';
import { ensureBatchArray, parseNewUser } from './validate-input.js';
import { checkBatchItems } from './validate-output.js';

type ParsedNewUser = z.output<typeof NewUser>;

/**
 * `createUsers` in core: invalid items fail alone (`InvalidInputError` on `batch.<i>`) while valid
 * ones are sent; batches larger than `maxBatchSize` are sent as consecutive chunks and the per-item
 * results are merged back under the caller's indexes.
 *
 * When the first chunk fails as a whole, nothing was created (the SPI lets `createUsers` throw only
 * then) and the error is thrown, as for a single call. When a later chunk fails, earlier chunks did create users, so the result is returned:
 * the failed chunk's items and those of the chunks not sent carry that chunk's error.
 */
export async function createUsersInChunks(
  context: DirectoryContext,
  batch: unknown,
  call: CallState,
): Promise<BatchResult> {
  const items = ensureBatchArray(context, batch);
  call.itemCount = items.length;
  const finalize = (error: unknown) =>
    finalizeError(error, { provider: context.provider, operation: 'createUsers', secrets: call.secrets });
  const results: BatchItemResult[] = [];
  const valid: IndexedItem<ParsedNewUser>[] = [];
  items.forEach((item, index) => {
    try {
      valid.push({ index, item: parseNewUser(context, item, `batch.${index}`) });
    } catch (error) {
      results.push({ index, userName: userNameOf(item), ok: false, error: finalize(error) });
    }
  });

  const chunks = splitBatch(valid, context.capabilities.maxBatchSize);
  for (const [position, chunk] of chunks.entries()) {
    try {
      results.push(...(await sendChunk(context, chunk)).map((item) => finalizeItem(item, finalize)));
    } catch (error) {
      if (position === 0) throw error;
      const failure = finalize(error);
      for (const entry of chunks.slice(position).flat()) {
        results.push({ index: entry.index, userName: entry.item.userName, ok: false, error: failure });
      }
      break;
    }
  }
  return batchResult(results);
}

/** Sends one chunk and maps the provider's chunk-local indexes back to the caller's. */
async function sendChunk(
  context: DirectoryContext,
  chunk: readonly IndexedItem<ParsedNewUser>[],
): Promise<BatchItemResult[]> {
  const raw = await context.inner.createUsers(chunk.map((entry) => entry.item));
  const userNames = chunk.map((entry) => entry.item.userName);
  return checkBatchItems(context.provider, raw, userNames).map((item) => ({
    ...item,
    index: chunk[item.index]!.index,
  }));
}

function finalizeItem(
  item: BatchItemResult,
  finalize: (error: unknown) => ProvisioningError,
): BatchItemResult {
  return item.ok ? item : { ...item, error: finalize(item.error) };
}

function userNameOf(item: unknown): string {
  const userName = (item as { userName?: unknown } | null | undefined)?.userName;
  return typeof userName === 'string' ? userName : '';
}

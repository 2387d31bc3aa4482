import type { z } from 'zod';
import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { NewUser } from '../model/user.js';
import type { BatchItemResult } from '../spi/batch-result.js';
import type { DirectoryContext } from './directory-context.js';
import { methodOf } from './directory-methods.js';
import { finalizeItemError } from './item-errors.js';
import type { CallState } from './run-operation.js';
import type { IndexedItem } from './split-batch.js';
import { checkUser } from './validate-output.js';

type ParsedNewUser = z.output<typeof NewUser>;

/** How many `createUser` calls core keeps in flight for a provider without a bulk endpoint. */
export const DERIVED_CREATE_CONCURRENCY = 4;

/**
 * Failures that are not about the item (credentials, the service itself): sending the next items
 * would only repeat them, so the items not yet sent get the same error.
 */
const STOPPING_CODES: ReadonlySet<string> = new Set([
  'authentication',
  'permission_denied',
  'rate_limited',
  'unavailable',
]);

/**
 * `createUsers` derived from `createUser`: each item is its own call, a few in flight at once, each
 * with its own result. Once the signal aborts no further item is sent (those get `cancelled`); after
 * a stopping failure the items not yet sent get that failure. When nothing was created and a
 * stopping failure occurred, it is thrown, as a bulk request refused as a whole would be.
 */
export async function createOneByOne(
  context: DirectoryContext,
  items: readonly IndexedItem<ParsedNewUser>[],
  call: CallState,
  results: BatchItemResult[],
): Promise<void> {
  const createUser = methodOf(context.inner, 'createUser', context.provider);
  let next = 0;
  let created = 0;
  let stop: ProvisioningError | undefined;
  const failWith = (entry: IndexedItem<ParsedNewUser>, error: ProvisioningError) =>
    results.push({ index: entry.index, userName: entry.item.userName, ok: false, error });
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const entry = items[next]!;
      next += 1;
      if (call.signal.aborted) failWith(entry, call.finalize(call.signal.reason));
      else if (stop !== undefined) failWith(entry, stop);
      else {
        try {
          const user = await createUser(entry.item, { signal: call.signal });
          results.push({
            index: entry.index,
            userName: entry.item.userName,
            ok: true,
            user: checkUser(context.provider, 'createUsers', user),
          });
          created += 1;
        } catch (error) {
          const failure = finalizeItemError(error, call);
          if (STOPPING_CODES.has(failure.code)) stop ??= failure;
          failWith(entry, failure);
        }
      }
    }
  };
  const workers = Math.min(DERIVED_CREATE_CONCURRENCY, items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  if (created === 0 && stop !== undefined) throw stop;
}

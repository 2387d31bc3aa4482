import { InvalidInputError, ProviderError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import type { User } from '../model/user.js';
import { ListChangesOptions } from '../spi/list-options.js';
import type { DirectoryContext } from './directory-context.js';
import { finalizeError } from './normalize-error.js';
import { recordOperation } from './operation-logger.js';
import { ensureSupported } from './validate-input.js';
import { checkUser } from './validate-output.js';

const OPERATION = 'listUsersChangedSince';

/**
 * `listUsersChangedSince` in core, the optional verb: declared or refused before any I/O, options
 * validated (`since` an ISO 8601 instant, `pageSize` within `maxPageSize`), users checked one by
 * one, one log line when the stream ends, fails or is left early.
 */
export function listChangesThrough(context: DirectoryContext, options: unknown): AsyncIterable<User> {
  return { [Symbol.asyncIterator]: () => streamChanges(context, options) };
}

async function* streamChanges(
  context: DirectoryContext,
  rawOptions: unknown,
): AsyncGenerator<User, void, undefined> {
  const startedAt = performance.now();
  let count = 0;
  let failed = false;
  try {
    ensureSupported(context, OPERATION);
    const options = parseInput(ListChangesOptions, rawOptions, {
      argument: 'options',
      provider: context.provider,
    });
    const max = context.capabilities.maxPageSize;
    if (options.pageSize !== undefined && options.pageSize > max) {
      const issue = { path: 'options.pageSize', message: `must be at most ${max}` };
      throw new InvalidInputError(`Invalid options: ${issue.path} ${issue.message}`, [issue], {
        provider: context.provider,
      });
    }
    const list = context.inner.listUsersChangedSince;
    if (list === undefined) {
      throw new ProviderError(`${context.provider} declares ${OPERATION} but does not implement it`, {
        provider: context.provider,
      });
    }
    for await (const raw of list.call(context.inner, options)) {
      count += 1;
      yield checkUser(context.provider, OPERATION, raw);
      if (options.signal?.aborted === true) break;
    }
  } catch (error) {
    const final = finalizeError(error, {
      provider: context.provider,
      operation: OPERATION,
      secrets: context.secrets,
    });
    failed = true;
    recordOperation(context, OPERATION, startedAt, {
      outcome: 'error',
      errorCode: final.code,
      itemCount: count,
    });
    throw final;
  } finally {
    if (!failed) recordOperation(context, OPERATION, startedAt, { outcome: 'ok', itemCount: count });
  }
}

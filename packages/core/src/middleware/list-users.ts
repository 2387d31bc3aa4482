import type { User } from '../model/user.js';
import type { DirectoryContext } from './directory-context.js';
import { planListFilters } from './list-filters.js';
import { finalizeError } from './normalize-error.js';
import { recordOperation } from './operation-logger.js';
import { ensureSupported, parseListOptions } from './validate-input.js';
import { checkUser } from './validate-output.js';

/**
 * `listUsers` in core. Each iteration is one listing: validation errors, an undeclared verb and
 * provider failures surface from the first `next()`, users are validated one by one as the caller
 * pulls them, and one log line is written when the stream ends, fails or the caller stops early.
 */
export function listUsersThrough(context: DirectoryContext, options: unknown): AsyncIterable<User> {
  return { [Symbol.asyncIterator]: () => streamUsers(context, options) };
}

async function* streamUsers(
  context: DirectoryContext,
  rawOptions: unknown,
): AsyncGenerator<User, void, undefined> {
  const startedAt = performance.now();
  let count = 0;
  let recorded = false;
  try {
    ensureSupported(context, 'listUsers');
    const options = parseListOptions(context, rawOptions);
    const plan = planListFilters(context.capabilities, options);
    for await (const raw of context.inner.listUsers(plan.providerOptions)) {
      const user = checkUser(context.provider, 'listUsers', raw);
      if (!plan.keep(user)) continue;
      count += 1;
      yield user;
      if (options.signal?.aborted === true) break;
    }
  } catch (error) {
    const final = finalizeError(error, {
      provider: context.provider,
      operation: 'listUsers',
      secrets: context.secrets,
    });
    recorded = true;
    recordOperation(context, 'listUsers', startedAt, {
      outcome: 'error',
      errorCode: final.code,
      itemCount: count,
    });
    throw final;
  } finally {
    // Also reached when the caller breaks out of its loop: that listing ended normally.
    if (!recorded) recordOperation(context, 'listUsers', startedAt, { outcome: 'ok', itemCount: count });
  }
}

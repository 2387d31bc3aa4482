import type { User } from '../model/user.js';
import type { DirectoryContext } from './directory-context.js';
import { planListFilters } from './list-filters.js';
import { streamListing } from './listing-stream.js';
import { parseListOptions } from './validate-input.js';

/**
 * `listUsers` in core: options validated, filters the provider does not declare applied by core
 * (see `planListFilters`), and the listing behaviour every listing verb shares (`streamListing`),
 * cancellation included.
 */
export function listUsersThrough(context: DirectoryContext, options: unknown): AsyncIterable<User> {
  return {
    [Symbol.asyncIterator]: () =>
      streamListing(context, 'listUsers', () => {
        const parsed = parseListOptions(context, options);
        const plan = planListFilters(context.capabilities, parsed);
        return {
          signal: parsed.signal,
          open: (signal) => context.inner.listUsers({ ...plan.providerOptions, signal }),
          keep: plan.keep,
        };
      }),
  };
}

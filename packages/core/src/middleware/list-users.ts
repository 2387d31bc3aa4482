import type { User } from '../model/user.js';
import type { DirectoryContext } from './directory-context.js';
import { methodOf } from './directory-methods.js';
import { planListFilters } from './list-filters.js';
import { streamListing } from './listing-stream.js';
import { parseListOptions } from './validate-input.js';

/**
 * `listUsers` in core: options validated, filters the provider does not declare applied by core
 * (see `planListFilters`), a page size always passed to the provider, and the listing behaviour
 * every listing verb shares (`streamListing`): its span, its log line, cancellation.
 */
export function listUsersThrough(context: DirectoryContext, options: unknown): AsyncIterable<User> {
  return {
    [Symbol.asyncIterator]: () =>
      streamListing(context, 'listUsers', () => {
        const parsed = parseListOptions(context, options);
        const plan = planListFilters(context.capabilities, parsed);
        const pageSize = plan.providerOptions.pageSize ?? context.capabilities.defaultPageSize;
        const listUsers = methodOf(context.inner, 'listUsers', context.provider);
        return {
          signal: parsed.signal,
          open: (signal) => listUsers({ ...plan.providerOptions, pageSize, signal }),
          keep: plan.keep,
        };
      }),
  };
}

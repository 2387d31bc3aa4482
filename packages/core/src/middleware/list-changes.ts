import type { User } from '../model/user.js';
import type { DirectoryContext } from './directory-context.js';
import { methodOf } from './directory-methods.js';
import { streamListing } from './listing-stream.js';
import { parseChangesOptions } from './validate-input.js';

const OPERATION = 'listUsersChangedSince';

/**
 * `listUsersChangedSince` in core, the optional verb: declared or refused before any I/O, options
 * validated (`since` an ISO 8601 instant, `pageSize` within `maxPageSize`), a page size always
 * passed to the provider, then the listing behaviour every listing verb shares (`streamListing`):
 * users checked one by one, its span, cancellation thrown from `next()` (a quiet end after an abort
 * would read as a complete change list), one log line when the stream ends, fails or is left early.
 */
export function listChangesThrough(context: DirectoryContext, options: unknown): AsyncIterable<User> {
  return {
    [Symbol.asyncIterator]: () =>
      streamListing(context, OPERATION, () => {
        const parsed = parseChangesOptions(context, options);
        const pageSize = parsed.pageSize ?? context.capabilities.defaultPageSize;
        const list = methodOf(context.inner, OPERATION, context.provider);
        return {
          signal: parsed.signal,
          open: (signal) => list({ since: parsed.since, pageSize, signal }),
        };
      }),
  };
}

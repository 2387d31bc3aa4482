import {
  type Capabilities,
  InvalidInputError,
  ListChangesOptions,
  ListUsersOptions,
  parseInput,
  type User,
} from '@provisionkit/core';
import { throwIfAborted } from './abort-check.js';
import { listFilter } from './store/list-filter.js';
import { toUser, type UserRecord } from './store/user-record.js';
import type { StorePage } from './store/user-store.js';

export interface PageRequest {
  /** 1-based page number within this enumeration. */
  readonly page: number;
  readonly afterSeq: number;
  readonly size: number;
  readonly matches: (record: UserRecord) => boolean;
  readonly signal: AbortSignal | undefined;
}

export interface ListingSource {
  readonly provider: string;
  readonly capabilities: Capabilities;
  /** The verb listing, named in its cancellation. */
  readonly verb: 'listUsers' | 'listUsersChangedSince';
  /** One provider request: runs the faults, then reads the store. Throws `CancelledError` once aborted. */
  fetchPage(request: PageRequest): Promise<StorePage>;
}

/**
 * `listUsers` as a lazy keyset enumeration: a page is fetched only when the caller has consumed the
 * previous one. Once the signal aborts, the next step throws `CancelledError`: an aborted listing
 * never ends as if it were complete.
 */
export async function* listUsersPaged(
  source: ListingSource,
  options: ListUsersOptions | undefined,
): AsyncGenerator<User, void, undefined> {
  const parsed =
    parseInput(ListUsersOptions, options, { argument: 'options', provider: source.provider }) ?? {};
  yield* pageThrough(source, pageSizeOf(source, parsed.pageSize), listFilter(parsed), parsed.signal);
}

/** `listUsersChangedSince`: the same keyset paging, keeping users changed at or after `since`. */
export async function* listChangesPaged(
  source: ListingSource,
  options: ListChangesOptions,
): AsyncGenerator<User, void, undefined> {
  const parsed = parseInput(ListChangesOptions, options, { argument: 'options', provider: source.provider });
  const since = Date.parse(parsed.since);
  const matches = (record: UserRecord) => Date.parse(record.updatedAt) >= since;
  yield* pageThrough(source, pageSizeOf(source, parsed.pageSize), matches, parsed.signal);
}

function pageSizeOf(source: ListingSource, pageSize: number | undefined): number {
  const { maxPageSize, defaultPageSize } = source.capabilities;
  if (pageSize !== undefined && pageSize > maxPageSize) {
    const issue = { path: 'options.pageSize', message: `must be at most ${maxPageSize}` };
    throw new InvalidInputError(`Invalid options: ${issue.path}`, [issue], { provider: source.provider });
  }
  return pageSize ?? defaultPageSize;
}

async function* pageThrough(
  source: ListingSource,
  size: number,
  matches: (record: UserRecord) => boolean,
  signal: AbortSignal | undefined,
): AsyncGenerator<User, void, undefined> {
  let afterSeq = 0;
  for (let page = 1; ; page += 1) {
    const result = await source.fetchPage({ page, afterSeq, size, matches, signal });
    // Copied when the page is fetched, as a remote API would answer: later changes are not seen.
    for (const user of result.records.map(toUser)) {
      throwIfAborted(signal, source.verb, source.provider);
      yield user;
    }
    throwIfAborted(signal, source.verb, source.provider);
    if (result.done) return;
    afterSeq = result.lastSeq;
  }
}

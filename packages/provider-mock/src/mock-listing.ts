import {
  type Capabilities,
  InvalidInputError,
  ListChangesOptions,
  ListUsersOptions,
  parseInput,
  type User,
} from '@provisionkit/core';
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
  /** One provider request: runs the faults, then reads the store. `undefined` once `signal` aborted. */
  fetchPage(request: PageRequest): Promise<StorePage | undefined>;
}

/**
 * `listUsers` as a lazy keyset enumeration: a page is fetched only when the caller has consumed the
 * previous one. An aborted signal ends the enumeration quietly; callers that must know whether it was
 * complete check `signal.aborted` afterwards.
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
  for (let page = 1; signal?.aborted !== true; page += 1) {
    const result = await source.fetchPage({ page, afterSeq, size, matches, signal });
    if (result === undefined) return;
    // Copied when the page is fetched, as a remote API would answer: later changes are not seen.
    for (const user of result.records.map(toUser)) {
      if (signal?.aborted) return;
      yield user;
    }
    if (result.done) return;
    afterSeq = result.lastSeq;
  }
}

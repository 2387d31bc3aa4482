import type { User } from '../model/user.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { hashContent, type UserCanonicalizer } from '../state/canonical-user.js';
import type { ConnectionKey } from '../state/connection-key.js';
import type { StateStore } from '../state/state-store.js';
import { isUserDigest } from '../state/user-digest.js';
import type { ChangeStager } from './change-stager.js';
import { ComparisonIndex } from './comparison-index.js';
import type { SyncProgressReporter } from './sync-progress.js';

/** Thrown when the provider's listing fails, so the run can say the enumeration failed. */
export class EnumerationFailure extends Error {
  constructor(readonly reason: unknown) {
    super('enumeration failed');
  }
}

export interface CompareInput {
  readonly store: StateStore;
  readonly key: ConnectionKey;
  readonly directory: UserDirectory;
  readonly canonicalizer: UserCanonicalizer;
  readonly stager: ChangeStager;
  readonly signal: AbortSignal;
  readonly pageSize?: number | undefined;
  readonly progress: SyncProgressReporter;
}

/**
 * A full comparison: loads the snapshot's id → hash index, streams the whole directory through it,
 * then stages a deletion for each user the enumeration did not return. Deletions are staged only
 * when the listing ended without error and without an abort. Returns the snapshot's size.
 */
export async function compareAll(input: CompareInput): Promise<number> {
  const index = new ComparisonIndex();
  for await (const chunk of input.store.scanSnapshotHashes(input.key)) index.load(chunk);
  const snapshotSize = index.size;
  const { stager, canonicalizer, progress } = input;
  progress.listed(0);
  const listing = input.directory.listUsers({
    signal: input.signal,
    ...(input.pageSize === undefined ? {} : { pageSize: input.pageSize }),
  });
  // Synchronous for an unchanged user: no promise per user on the common path.
  // Only the digest for an unchanged user: the canonical JSON is written for new and changed ones.
  await eachUser(listing, (user) => {
    progress.listed(++stager.counts.enumerated);
    const hash = canonicalizer.digest(user);
    const sighting = index.see(user.id, hash);
    if (sighting === 'same') stager.counts.unchanged += 1;
    else if (sighting === 'new')
      return stager.created(canonicalizer.stored(user, canonicalizer.content(user), hash));
    else if (sighting !== 'repeated') {
      const before = sighting.changedFrom;
      const content = canonicalizer.content(user);
      // A row written before digests keeps its SHA-1 until the user changes: same text, same user.
      if (!isUserDigest(before) && hashContent(content) === before) stager.counts.unchanged += 1;
      else return stager.compare(canonicalizer.stored(user, content, hash), before);
    }
    return undefined;
  });
  // A listing that stops quietly on abort looks complete; only the signal tells.
  if (input.signal.aborted) return snapshotSize;
  progress.finished(stager.counts.enumerated);
  for (const { userId, hash } of index.unseen()) await stager.deleted(userId, hash);
  return snapshotSize;
}

/** A `changes` comparison: the provider's changed users only; never a deletion. */
export async function compareChanges(input: CompareInput & { readonly since: string }): Promise<void> {
  const { stager, canonicalizer, progress } = input;
  progress.listed(0);
  const seen = new Set<string>();
  const listing = input.directory.listUsersChangedSince!({
    since: input.since,
    signal: input.signal,
    ...(input.pageSize === undefined ? {} : { pageSize: input.pageSize }),
  });
  await eachUser(listing, (user) => {
    progress.listed(++stager.counts.enumerated);
    if (seen.has(user.id)) return undefined;
    seen.add(user.id);
    return stager.compare(canonicalizer.store(user), null);
  });
  if (!input.signal.aborted) progress.finished(stager.counts.enumerated);
}

/**
 * Pulls every user through `visit`; a failure of the listing itself becomes `EnumerationFailure`,
 * so the run can tell it from a store failure. A plain loop: an extra async generator per user
 * would cost more than the comparison itself.
 */
async function eachUser(
  listing: AsyncIterable<User>,
  visit: (user: User) => Promise<void> | undefined,
): Promise<void> {
  const iterator = listing[Symbol.asyncIterator]();
  let done = false;
  try {
    while (!done) {
      let next: IteratorResult<User>;
      try {
        next = await iterator.next();
      } catch (error) {
        done = true;
        throw new EnumerationFailure(error);
      }
      if (next.done === true) done = true;
      else {
        const pending = visit(next.value);
        if (pending !== undefined) await pending;
      }
    }
  } finally {
    if (!done) await iterator.return?.();
  }
}

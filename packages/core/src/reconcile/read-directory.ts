import { normalizeUserName } from '../model/primitives.js';
import type { User } from '../model/user.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { hashContent, type UserCanonicalizer } from '../state/canonical-user.js';
import { RevisionDigest } from './revision-digest.js';

/** A directory as an apply reads it: its revision, and its users when asked for. */
export interface DirectoryReading {
  readonly revision: string;
  readonly byId: ReadonlyMap<string, User>;
  readonly byName: ReadonlyMap<string, User>;
}

/**
 * Lists a directory once: its revision (computed exactly as a plan computes it) and, with
 * `index`, its users by id and by normalised user name (to settle actions left in flight).
 */
export async function readDirectory(
  directory: UserDirectory,
  canonicalizer: UserCanonicalizer,
  options: { readonly index: boolean; readonly signal?: AbortSignal | undefined },
): Promise<DirectoryReading> {
  const digest = new RevisionDigest();
  const byId = new Map<string, User>();
  const byName = new Map<string, User>();
  for await (const user of directory.listUsers(
    options.signal === undefined ? {} : { signal: options.signal },
  )) {
    digest.add(hashContent(canonicalizer.content(user)));
    if (options.index) {
      byId.set(user.id, user);
      byName.set(normalizeUserName(user.userName), user);
    }
  }
  return { revision: digest.finish(), byId, byName };
}

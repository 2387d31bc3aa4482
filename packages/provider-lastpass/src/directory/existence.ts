import type { User } from '@provisionkit/core';
import type { UserLocator } from './user-locator.js';

/**
 * Batches this small are checked with one lookup per user when the company size is unknown: a
 * lookup costs one call whatever the company size, a listing at least one and usually more.
 */
export const SMALL_BATCH = 10;

export interface NamedItem {
  readonly key: string;
  readonly userName: string;
}

/**
 * Which of `items` exist now, found by whichever costs fewer calls: one `getuserdata username`
 * per item, or one listing of the company (`growth` users more than last seen). Maps and keeps
 * only the matches' unified users, never the whole listing.
 */
export async function findExisting(
  locator: UserLocator,
  items: readonly NamedItem[],
  growth = 0,
  signal?: AbortSignal,
): Promise<Map<string, User>> {
  const found = new Map<string, User>();
  if (items.length === 0) return found;
  let unseen = items;
  if (preferLookups(locator, items.length, growth)) {
    const results = await Promise.all(items.map((item) => locator.lookupOnce(item.userName, signal)));
    results.forEach((result, position) => {
      if (result !== undefined) found.set(items[position]!.key, result.user);
    });
    unseen = items.filter((item) => !found.has(item.key));
    // A miss counts only where misses can be believed (a server matching names exactly would
    // hide another spelling): otherwise one listing settles every miss at once.
    if (unseen.length === 0 || (await locator.missesAreReliable(signal))) return found;
  }
  return locator.findUsersInListing(new Set(unseen.map((item) => item.key)), signal, found);
}

/**
 * Lookups win when they need no more calls than the listing would: its pages plus the empty one
 * that ends it.
 */
export function preferLookups(locator: UserLocator, count: number, growth: number): boolean {
  // On a server that matches names exactly, a lookup cannot show that nobody has a name.
  if (locator.userNameMatching === 'exact') return false;
  const known = locator.knownTotal;
  if (known === undefined) return count <= SMALL_BATCH;
  const pages = Math.ceil((known + growth) / locator.pageSize) + 1;
  return count <= pages;
}

import { normalizeUserName } from '@provisionkit/core';
import type { UserLocator } from './user-locator.js';
import type { FoundUser } from './user-page.js';

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
 * only the matches, never the whole listing.
 */
export async function findExisting(
  locator: UserLocator,
  items: readonly NamedItem[],
  growth = 0,
): Promise<Map<string, FoundUser>> {
  const found = new Map<string, FoundUser>();
  if (items.length === 0) return found;
  if (preferLookups(locator, items.length, growth)) {
    const results = await Promise.all(items.map((item) => locator.lookup(item.userName)));
    results.forEach((result, position) => {
      if (result !== undefined) found.set(items[position]!.key, result);
    });
    return found;
  }
  const wanted = new Set(items.map((item) => item.key));
  // Three pages requested ahead: LastPass builds the next pages while this side reads the last one
  // (reads are idempotent; a listing for a create is bounded by the batch's size anyway).
  for await (const page of locator.lazyPages({ wanted, ahead: 3 })) {
    for (const entry of page) found.set(normalizeUserName(entry.record.username), entry);
  }
  return found;
}

/**
 * Lookups win when they need no more calls than the listing would: its pages plus the empty one
 * that ends it.
 */
export function preferLookups(locator: UserLocator, count: number, growth: number): boolean {
  const known = locator.knownTotal;
  if (known === undefined) return count <= SMALL_BATCH;
  const pages = Math.ceil((known + growth) / locator.pageSize) + 1;
  return count <= pages;
}

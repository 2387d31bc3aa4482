import { expect } from 'vitest';

/**
 * Most users the kit reads from one listing. A listing that yields more has not ended: a provider
 * repeating a page forever would otherwise keep the test in a loop that never reaches the event loop
 * (so not even vitest's timeout could stop it).
 */
export const LISTING_CAP = 10_000;

/**
 * Drains a listing, failing the test once it yields more than `cap` items: the listing did not end
 * where it should. Stops reading there (the iterator is closed), so the test ends too.
 */
export async function collectListing<T>(iterable: AsyncIterable<T>, cap: number = LISTING_CAP): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length > cap) break;
  }
  expect(items.length, `listing did not end after ${cap} users`).toBeLessThanOrEqual(cap);
  return items;
}

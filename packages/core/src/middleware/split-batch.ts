/** An item of a batch together with its position in the caller's batch. */
export interface IndexedItem<T> {
  readonly index: number;
  readonly item: T;
}

/** Consecutive chunks of at most `size` items, preserving order (and so each item's index). */
export function splitBatch<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

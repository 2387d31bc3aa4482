/** Items `{ id }` numbered from 1, as a server would hold them. */
export function itemsUpTo(count: number): Array<{ id: string }> {
  return Array.from({ length: count }, (_, index) => ({ id: `u${index + 1}` }));
}

/** Collects a listing, or the error that ended it, with how many items came before it. */
export async function drain<T>(listing: AsyncIterable<T>): Promise<{ items: T[]; error?: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of listing) items.push(item);
    return { items };
  } catch (error) {
    return { items, error };
  }
}

export const byId = (item: { id: string }) => item.id;

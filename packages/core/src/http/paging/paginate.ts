import { throwIfCancelled } from '../cancellation.js';
import { type Page, PageGuard, type PageGuardOptions } from './page-guard.js';

/** One fetched page and where the next one is (`undefined`: this was the last). */
export interface Step<T, C> extends Page<T> {
  readonly next: C | undefined;
}

export interface PaginateOptions<T, C> extends PageGuardOptions {
  readonly first: C;
  readonly fetch: (cursor: C, guard: PageGuard, signal: AbortSignal | undefined) => Promise<Step<T, C>>;
  /** The cursor as text, for cursors that must never repeat (opaque cursors, next URLs). */
  readonly cursorKey?: ((cursor: C) => string) | undefined;
  /** The item's id, unique within the listing (checks for pages that bring nothing new). */
  readonly itemId: (item: T) => string | number;
  /** Stops the listing: the pending or next `next()` throws the caller's cancellation. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The shared paging loop: one request per page, made only when the caller has consumed the
 * previous page; items already listed are not yielded twice.
 */
export async function* paginate<T, C>(options: PaginateOptions<T, C>): AsyncGenerator<T, void, undefined> {
  const { signal, provider } = options;
  const guard = new PageGuard(options);
  let cursor: C | undefined = options.first;
  let first = true;
  while (cursor !== undefined) {
    throwIfCancelled(signal, provider);
    // Checked when following, so the page that brought a repeated cursor is still listed.
    if (!first && options.cursorKey !== undefined) guard.follow(options.cursorKey(cursor));
    first = false;
    guard.beforePage();
    const step: Step<T, C> = await options.fetch(cursor, guard, signal);
    throwIfCancelled(signal, provider);
    const fresh = guard.admit(step, options.itemId, step.next !== undefined);
    for (const item of fresh) {
      throwIfCancelled(signal, provider);
      yield item;
    }
    cursor = step.next;
  }
}

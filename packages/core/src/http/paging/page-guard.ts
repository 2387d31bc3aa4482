import { ProviderError } from '../../errors/error-classes.js';
import { NumberSet } from './number-set.js';

/** A page as the paging helpers see it. `total` is recorded, never trusted to stop a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  /** The server's count of all items, if it reports one. */
  readonly total?: number | undefined;
}

/**
 * What a reported `total` says: `upper-bound` (the default) at least as many items as the listing
 * holds; `exact` their number, so a listing that ends short of it is refused (`ended_before_total`).
 * A filtered listing whose `total` may count everyone is an `upper-bound` one.
 */
export type TotalMeaning = 'upper-bound' | 'exact';

export interface PageGuardOptions {
  readonly provider: string;
  /** Hard limit on pages per listing, whatever the server says. */
  readonly maxPages?: number | undefined;
  /**
   * Most distinct items one listing may bring; beyond it, or beyond the pages it would take at the
   * first page's length, the listing is refused (a server that keeps inventing items). No limit
   * by default.
   */
  readonly maxItems?: number | undefined;
  readonly total?: TotalMeaning | undefined;
}

/** Default hard limit: 100,000 pages (10 million users at 100 per page). */
export const DEFAULT_MAX_PAGES = 100_000;
/** Empty pages that still point to a next one happen (filtered listings); an endless run does not. */
const MAX_EMPTY_RUN = 5;

/** Why a listing was refused (`details.reason` of its `provider_error`). */
export type PagingFault =
  | 'invalid_page'
  | 'missing_item_id'
  | 'repeated_page'
  | 'repeated_cursor'
  | 'empty_pages'
  | 'more_than_total'
  | 'pages_exceed_total'
  | 'ended_before_total'
  | 'too_many_items'
  | 'too_many_pages';

// Ids kept for the whole listing: a canonical decimal id (no sign, no leading zero) is kept as the
// number it spells, which costs no string per id (100,000 numeric ids: a few MB less of heap).
const DECIMAL_ID = /^(?:0|[1-9]\d{0,14})$/;

/**
 * The termination rules every paging helper shares. A listing a caller takes as complete (a sync
 * that concludes deletions from it) must be complete, so it ends only on the server's own end
 * marker, never on a reported `total`, and it ends with a typed, retryable `provider_error` instead
 * of running on or ending short when:
 *
 * - a page brings no item not already listed (`repeated_page`), or a cursor repeats;
 * - it brings more distinct items than the largest reported total (`more_than_total`), or needs
 *   more pages than that total allows at the largest page length plus the one that ends it
 *   (`pages_exceed_total`);
 * - it ends short of every `exact` total it reported (`ended_before_total`);
 * - it passes `maxItems`, `maxPages` or the pages `maxItems` allows (`too_many_items`,
 *   `too_many_pages`), or sends five empty pages in a row that each point to another.
 *
 * Refusals are retryable: a list that changed during the listing may list cleanly the next time.
 * Items already listed on an earlier page (offset drift) are left out, so each is listed once.
 */
export class PageGuard {
  readonly #provider: string;
  readonly #maxPages: number;
  readonly #maxItems: number | undefined;
  readonly #exact: boolean;
  // Numeric ids (most APIs' ids) outside the JavaScript heap; the others in a Set.
  readonly #seenNumbers = new NumberSet();
  readonly #seenOthers = new Set<string | number>();
  readonly #cursors = new Set<string>();
  #pages = 0;
  #emptyRun = 0;
  #firstLength = 0;
  #largestPage = 0;
  #maxTotal: number | undefined;
  #minTotal: number | undefined;
  #latestTotal: number | undefined;
  #lastLength: number | undefined;

  constructor(options: PageGuardOptions) {
    this.#provider = options.provider;
    this.#maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.#maxItems = options.maxItems;
    this.#exact = options.total === 'exact';
  }

  /** Pages admitted so far. */
  get pages(): number {
    return this.#pages;
  }

  /** Distinct items admitted so far. */
  get items(): number {
    return this.#seenNumbers.size + this.#seenOthers.size;
  }

  /** The largest page seen before the current one (how many items the server gives per page). */
  get largestPage(): number {
    return this.#largestPage;
  }

  /** Call before fetching a page: fails once the listing has had all the pages it may have. */
  beforePage(requested = this.#pages): void {
    if (requested >= this.#maxPages) {
      this.#refuse('too_many_pages', `listing passed the limit of ${this.#maxPages} pages`);
    }
    if (this.#pages >= this.#allowedPages()) {
      this.#refuse('pages_exceed_total', 'listing needs more pages than its reported total allows');
    }
  }

  /** Call with each cursor (or next URL) before following it. */
  follow(cursor: string): void {
    if (this.#cursors.has(cursor))
      this.#refuse('repeated_cursor', 'sent a next-page cursor it had sent before');
    this.#cursors.add(cursor);
  }

  /**
   * Registers a page; returns its items not seen earlier in this listing, in order (the page's own
   * array when all are new). `more`: the server pointed to a next page.
   */
  admit<T>(page: Page<T>, itemId: (item: T) => string | number, more: boolean): readonly T[] {
    if (typeof page !== 'object' || page === null || !Array.isArray(page.items)) {
      this.#refuse('invalid_page', 'paging got a page without an items array from its fetchPage');
    }
    const { items } = page;
    this.#pages++;
    this.#lastLength = items.length;
    const total = validTotal(page.total);
    this.#latestTotal = total;
    if (total !== undefined) {
      this.#maxTotal = Math.max(this.#maxTotal ?? 0, total);
      this.#minTotal = Math.min(this.#minTotal ?? Number.POSITIVE_INFINITY, total);
    }
    this.#emptyRun = items.length === 0 && more ? this.#emptyRun + 1 : 0;
    if (this.#emptyRun >= MAX_EMPTY_RUN) {
      this.#refuse('empty_pages', `sent ${MAX_EMPTY_RUN} empty pages in a row, each pointing to another`);
    }
    if (items.length === 0) return items;
    if (this.#firstLength === 0) this.#firstLength = items.length;
    this.#largestPage = Math.max(this.#largestPage, items.length);
    if (this.#pages > this.#pagesForMaxItems()) {
      this.#refuse('too_many_pages', 'listing ran to more pages than its item limit allows');
    }
    if (this.#pages > this.#allowedPages()) {
      this.#refuse('pages_exceed_total', 'listing ran to more pages than its reported total allows');
    }
    const fresh = this.#fresh(items, itemId);
    if (fresh.length === 0)
      this.#refuse('repeated_page', 'sent a page that holds no item not already listed');
    if (this.#maxItems !== undefined && this.items > this.#maxItems) {
      this.#refuse('too_many_items', `listing brought more than ${this.#maxItems} items`);
    }
    if (this.#maxTotal !== undefined && this.items > this.#maxTotal) {
      this.#refuse('more_than_total', 'listing brought more items than its reported total');
    }
    return fresh;
  }

  /**
   * Call when the server's end marker ends the listing: refuses an end short of every exact total
   * the server reported. Short of the smallest one, the listing missed items that existed
   * throughout; short of a later, larger one only, the items were added while it ran (a write
   * alongside the listing, as a bulk create's chunks are), and those it was never asked to see.
   */
  end(): void {
    if (this.#exact && this.#minTotal !== undefined && this.items < this.#minTotal) {
      this.#refuse('ended_before_total', 'listing ended before reaching its reported total');
    }
  }

  /**
   * Whether the listing may end where it stands, for a server that answers the request past its
   * last page with an error rather than an empty page: the items reach an exact total, or (without
   * one) the latest page was shorter than `pageSize`.
   */
  mayEndAfter(pageSize: number): boolean {
    if (this.#lastLength === undefined) return false;
    if (this.#exact && this.#latestTotal !== undefined) return this.items >= this.#latestTotal;
    return this.#lastLength < pageSize;
  }

  /**
   * Whether the page `index` pages after the first (0-based) may hold items by the latest total and
   * the first page's length: pages requested ahead stop there. Unknown counts as "may".
   */
  mayHoldItems(index: number): boolean {
    if (this.#latestTotal === undefined || this.#firstLength === 0) return true;
    return index * this.#firstLength < this.#latestTotal;
  }

  #fresh<T>(items: readonly T[], itemId: (item: T) => string | number): readonly T[] {
    let fresh: T[] | undefined;
    for (let index = 0; index < items.length; index++) {
      const item = items[index]!;
      const id = itemId(item);
      if (typeof id !== 'string' && typeof id !== 'number') {
        this.#refuse('missing_item_id', 'sent an item without a usable id');
      }
      if (this.#remember(id)) fresh?.push(item);
      else if (fresh === undefined) fresh = items.slice(0, index);
    }
    return fresh ?? items;
  }

  /** Records `id`; false when the listing had it already. */
  #remember(id: string | number): boolean {
    const key = typeof id === 'string' && DECIMAL_ID.test(id) ? Number(id) : id;
    if (typeof key === 'number' && Number.isSafeInteger(key) && key >= 0) return this.#seenNumbers.add(key);
    if (this.#seenOthers.has(key)) return false;
    this.#seenOthers.add(key);
    return true;
  }

  // The pages a listing may take by the largest total: enough for it at the largest page length,
  // plus the one that ends it.
  #allowedPages(): number {
    if (this.#maxTotal === undefined || this.#largestPage === 0) return Number.POSITIVE_INFINITY;
    return Math.ceil(this.#maxTotal / this.#largestPage) + 1;
  }

  #pagesForMaxItems(): number {
    if (this.#maxItems === undefined || this.#firstLength === 0) return Number.POSITIVE_INFINITY;
    return Math.ceil(this.#maxItems / this.#firstLength) + 1;
  }

  #refuse(reason: PagingFault, problem: string): never {
    throw new ProviderError(`${this.#provider} ${problem}; the listing is incomplete`, {
      provider: this.#provider,
      retryable: true,
      details: {
        reason,
        pages: this.#pages,
        items: this.items,
        ...(this.#maxTotal === undefined ? {} : { reportedTotal: this.#maxTotal }),
      },
    });
  }
}

function validTotal(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

import { ProviderError } from '@provisionkit/core';

/**
 * How far a server's `total` describes the listing: `exact` is its item count (an unfiltered
 * listing); `upper-bound` is at least that (a filtered listing whose `total` may count everyone).
 */
export type TotalMeaning = 'exact' | 'upper-bound';

export interface ListingGuardOptions {
  /** Provider id named by the errors. */
  readonly provider: string;
  readonly total: TotalMeaning;
  /**
   * Most distinct items a listing may bring before it is refused as implausible. With the length of
   * the first page it also bounds the page count, whatever `total` claims.
   */
  readonly maxItems: number;
}

/** What one page says about the listing. */
export interface PageFacts {
  /** Ids of the page's items, in order. */
  readonly ids: readonly string[];
  /** The server's count of the listing's items; anything but a non-negative integer is ignored. */
  readonly total: unknown;
  /** Items asked for per page. */
  readonly pageSize: number;
}

export interface PageVerdict {
  /** Positions on this page of items already listed (skip them), or undefined when none. */
  readonly repeated: ReadonlySet<number> | undefined;
  /** True when this (empty) page ends the listing. */
  readonly done: boolean;
}

/** Why a listing was refused. */
export type ListingFault =
  | 'repeated_page'
  | 'more_than_total'
  | 'pages_exceed_total'
  | 'ended_before_total'
  | 'too_many_items'
  | 'too_many_pages';

/**
 * The termination rules of an offset-paged listing, independent of any provider. A listing that
 * a caller (a sync that concludes deletions from it) takes as complete must be complete, so a
 * server's `total` is a claim to check, never a reason to stop:
 *
 * - only an empty page ends the listing (one request past the last page: neither `total` nor a
 *   short page proves the end, since servers may cap the page size); a server that answers that
 *   request with an error instead may end it too, see `mayEndHere`;
 * - a non-empty page that brings no new id (a repeated page) is refused;
 * - more distinct items than the largest `total` claimed, or more pages than that total allows at
 *   the first page's length (plus the empty one that ends it), are refused;
 * - an empty page while an exact `total` promises more is refused (the list ended early);
 * - past `maxItems` items, or the pages they would need, the listing is refused.
 *
 * Refusals are `ProviderError`s (`details.reason` a `ListingFault`), retryable: a company that
 * changed during the listing may list cleanly the next time. Items repeated on a later page
 * (offset paging over a changing list) are reported so the caller lists each once.
 */
export class ListingGuard {
  readonly #options: ListingGuardOptions;
  readonly #seen = new Set<string | number>();
  #pages = 0;
  #firstLength: number | undefined;
  #claimed: number | undefined;
  #latest: number | undefined;
  #lastLength: number | undefined;
  #lastPageSize: number | undefined;

  constructor(options: ListingGuardOptions) {
    this.#options = options;
  }

  /** Distinct items accepted so far. */
  get items(): number {
    return this.#seen.size;
  }

  /** Checks the next page, in order. Throws a `ProviderError` when the listing cannot be trusted. */
  accept(page: PageFacts): PageVerdict {
    this.#pages += 1;
    const total = validTotal(page.total);
    this.#latest = total;
    this.#lastLength = page.ids.length;
    this.#lastPageSize = page.pageSize;
    if (total !== undefined) this.#claimed = Math.max(this.#claimed ?? 0, total);
    const { ids } = page;
    if (ids.length === 0) {
      const promised = this.#options.total === 'exact' ? total : undefined;
      if (promised !== undefined && this.#seen.size < promised) this.#refuse('ended_before_total');
      return { repeated: undefined, done: true };
    }
    this.#firstLength ??= ids.length;
    this.#checkPageCount();
    let repeated: Set<number> | undefined;
    ids.forEach((text, position) => {
      const id = compactId(text);
      if (!this.#seen.has(id)) this.#seen.add(id);
      else if (repeated === undefined) repeated = new Set([position]);
      else repeated.add(position);
    });
    if (repeated?.size === ids.length) this.#refuse('repeated_page');
    if (this.#seen.size > this.#options.maxItems) this.#refuse('too_many_items');
    if (this.#claimed !== undefined && this.#seen.size > this.#claimed) this.#refuse('more_than_total');
    return { repeated, done: false };
  }

  /**
   * Whether the listing may end where it stands, for a server that answers the request past its
   * last page with an error rather than an empty page [U]: the items seen reach an exact `total`,
   * or (without one) the latest page was short of the page size asked.
   */
  mayEndHere(): boolean {
    if (this.#lastLength === undefined || this.#lastPageSize === undefined) return false;
    if (this.#options.total === 'exact' && this.#latest !== undefined) return this.#seen.size >= this.#latest;
    return this.#lastLength < this.#lastPageSize;
  }

  /**
   * Whether page `index` (0-based) holds items by the latest `total` and the first page's length:
   * pages requested ahead stop there. Unknown (no total yet) counts as "may".
   */
  mayHoldItems(index: number): boolean {
    if (this.#latest === undefined || this.#firstLength === undefined) return true;
    return index * this.#firstLength < this.#latest;
  }

  #checkPageCount(): void {
    const length = this.#firstLength ?? 1;
    const byItems = Math.ceil(this.#options.maxItems / length) + 1;
    if (this.#pages > byItems) this.#refuse('too_many_pages');
    if (this.#claimed !== undefined && this.#pages > Math.ceil(this.#claimed / length) + 1) {
      this.#refuse('pages_exceed_total');
    }
  }

  #refuse(reason: ListingFault): never {
    throw new ProviderError(MESSAGES[reason], {
      provider: this.#options.provider,
      retryable: true,
      details: {
        reason,
        pages: this.#pages,
        items: this.#seen.size,
        ...(this.#claimed === undefined ? {} : { total: this.#claimed }),
      },
    });
  }
}

const MESSAGES: Readonly<Record<ListingFault, string>> = {
  repeated_page: 'The listing repeated a page: no new item on it',
  more_than_total: 'The listing brought more items than its total',
  pages_exceed_total: 'The listing ran to more pages than its total allows',
  ended_before_total: 'The listing ended before reaching its total',
  too_many_items: 'The listing brought more items than the configured maximum',
  too_many_pages: 'The listing ran to more pages than the configured maximum allows',
};

// Ids kept for the whole listing: a canonical decimal id (no sign, no leading zero) is kept as the
// number it spells, which costs no string per id (100,000 numeric ids: a few MB less of heap).
const DECIMAL_ID = /^(?:0|[1-9]\d{0,14})$/;
function compactId(id: string): string | number {
  return DECIMAL_ID.test(id) ? Number(id) : id;
}

function validTotal(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

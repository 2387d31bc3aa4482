import { ProviderError } from '../../errors/error-classes.js';

/** A page as the paging helpers see it. `total` is recorded, never trusted to stop a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  /** The server's count of all items, if it reports one. */
  readonly total?: number | undefined;
}

export interface PageGuardOptions {
  readonly provider: string;
  /** Hard limit on pages per listing, whatever the server says. */
  readonly maxPages?: number | undefined;
}

/** Default hard limit: 100,000 pages (10 million users at 100 per page). */
export const DEFAULT_MAX_PAGES = 100_000;
/** Pages allowed beyond what the largest reported total needs (users added during the listing). */
const TOTAL_SLACK_PAGES = 2;
/** Empty pages that still point to a next one happen (filtered listings); an endless run does not. */
const MAX_EMPTY_RUN = 5;

/**
 * The termination guards every paging helper shares. A listing ends only on the server's own end
 * marker (an empty or short page, no next cursor), never on `total`; and it ends with a typed
 * `provider_error` instead of running on when a page brings no new item, a cursor repeats, or it
 * needs more pages than the largest reported total allows or than the hard maximum.
 */
export class PageGuard {
  readonly #provider: string;
  readonly #maxPages: number;
  readonly #seen = new Set<string | number>();
  readonly #cursors = new Set<string>();
  #pages = 0;
  #emptyRun = 0;
  #largestPage = 0;
  #maxTotal: number | undefined;

  constructor(options: PageGuardOptions) {
    this.#provider = options.provider;
    this.#maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  }

  get pages(): number {
    return this.#pages;
  }

  /** The largest page seen before the current one (how many items the server gives per page). */
  get largestPage(): number {
    return this.#largestPage;
  }

  /** Call before fetching a page: fails once the listing has had all the pages it may have. */
  beforePage(): void {
    if (this.#pages >= this.#maxPages) {
      throw this.#error('too_many_pages', `listing passed the limit of ${this.#maxPages} pages`);
    }
    const size = this.#largestPage;
    if (this.#maxTotal !== undefined && size > 0) {
      const allowed = Math.ceil(this.#maxTotal / size) + TOTAL_SLACK_PAGES;
      if (this.#pages >= allowed) {
        throw this.#error('too_many_pages', `listing needs more pages than its reported total allows`, {
          reportedTotal: this.#maxTotal,
          pages: this.#pages,
        });
      }
    }
  }

  /** Call with each cursor (or next URL) before following it. */
  follow(cursor: string): void {
    if (this.#cursors.has(cursor))
      throw this.#error('repeated_cursor', 'sent a next-page cursor it had sent before');
    this.#cursors.add(cursor);
  }

  /**
   * Registers a page; returns its items not seen earlier in this listing, in order. `more`: the
   * server pointed to a next page.
   */
  admit<T>(page: Page<T>, itemId: (item: T) => string | number, more: boolean): T[] {
    if (typeof page !== 'object' || page === null || !Array.isArray(page.items)) {
      throw this.#error('invalid_page', 'paging got a page without an items array from its fetchPage');
    }
    this.#pages++;
    this.#emptyRun = page.items.length === 0 && more ? this.#emptyRun + 1 : 0;
    if (this.#emptyRun >= MAX_EMPTY_RUN) {
      throw this.#error(
        'empty_pages',
        `sent ${MAX_EMPTY_RUN} empty pages in a row, each pointing to another`,
      );
    }
    const total = page.total;
    if (typeof total === 'number' && Number.isFinite(total) && total >= 0) {
      this.#maxTotal = Math.max(this.#maxTotal ?? 0, total);
    }
    const fresh: T[] = [];
    for (const item of page.items) {
      const id = itemId(item);
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw this.#error('missing_item_id', 'sent an item without a usable id');
      }
      if (this.#seen.has(id)) continue;
      this.#seen.add(id);
      fresh.push(item);
    }
    if (page.items.length > 0 && fresh.length === 0) {
      throw this.#error('repeated_page', 'sent a page that holds no item not already listed', {
        page: this.#pages,
      });
    }
    this.#largestPage = Math.max(this.#largestPage, page.items.length);
    return fresh;
  }

  #error(reason: string, problem: string, details: Record<string, unknown> = {}): ProviderError {
    return new ProviderError(`${this.#provider} ${problem}; the listing is incomplete`, {
      provider: this.#provider,
      details: { reason, ...details },
    });
  }
}

import type { GetUserDataResponse, LastPassClient } from '../client/index.js';
import { userPages } from './page-stream.js';

export interface PageQuery {
  readonly pageSize?: number | undefined;
  /** Server-side filter: disabled users only. */
  readonly disabled?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Pages requested ahead of the one being read (default 2; see `userPages`). */
  readonly ahead?: number | undefined;
  /** Normalized user names to map; the other users of each page are skipped unmapped. */
  readonly wanted?: ReadonlySet<string> | undefined;
}

export interface CompanyPagesSettings {
  readonly pageSize: number;
  readonly maxListedUsers: number;
}

/**
 * The company's `getuserdata` pages for one connection (see `userPages`), and the company size the
 * latest unfiltered listing reported, which prices listings against lookups.
 */
export class CompanyPages {
  readonly #client: LastPassClient;
  readonly #settings: CompanyPagesSettings;
  #knownTotal: number | undefined;

  constructor(client: LastPassClient, settings: CompanyPagesSettings) {
    this.#client = client;
    this.#settings = settings;
  }

  get knownTotal(): number | undefined {
    return this.#knownTotal;
  }

  /** After a create, the company grew by about this many users. */
  grewBy(count: number): void {
    if (this.#knownTotal !== undefined) this.#knownTotal += count;
  }

  pages(query: PageQuery): AsyncGenerator<GetUserDataResponse> {
    const pagesize = query.pageSize ?? this.#settings.pageSize;
    const filtered = query.disabled === true;
    const fetchPage = async (pageindex: number, signal: AbortSignal | undefined, wanted: Promise<void>) => {
      const filter = filtered ? { disabled: true } : {};
      const query = { pageindex, pagesize, ...filter };
      const page = (await this.#client.getUserData(query, { signal, readAfter: wanted })).body;
      // An empty company yields no page at all, yet its size (0) is worth knowing.
      if (!filtered && page.total !== undefined) this.#knownTotal = page.total;
      return page;
    };
    return userPages(fetchPage, {
      pageSize: pagesize,
      // [U] Whether the `disabled` filter changes `total`: under it, `total` may count everyone.
      total: filtered ? 'upper-bound' : 'exact',
      maxItems: this.#settings.maxListedUsers,
      signal: query.signal,
      ahead: query.ahead,
    });
  }
}

import {
  ConnectionConfig,
  describeRef,
  NotFoundError,
  normalizeUserName,
  sameUserName,
  type User,
  type UserRef,
} from '@provisionkit/core';
import { inject, injectable } from 'inversify';
import { type GetUserDataResponse, type LastPassClient, PROVIDER_ID } from '../client/index.js';

import type { LastPassConfig } from '../plugin/lastpass-config.js';
import { CompanyPages, type PageQuery } from './company-pages.js';
import { LastPassConnectionClient } from './connection-client.js';
import { IdCache } from './id-cache.js';
import { UserNameMatchingProbe } from './user-name-matching.js';
import { type FoundUser, forEachWantedEntry, mapUserPage, userPageEntries } from './user-page.js';

// LastPass user keys are numbers; anything else cannot name a LastPass user.
const NUMERIC_ID = /^\d+$/;

/**
 * Finds users for every verb of one connection. LastPass addresses users by username only, so an
 * `{ id }` ref goes through the id → username cache (filled by every listing and lookup) and is
 * verified by a username lookup; on a miss, or when the name moved, the company is paged until the
 * id turns up (or the listing ends).
 */
@injectable()
export class LastPassUserLocator {
  readonly #client: LastPassClient;
  readonly #timeZone: string;
  readonly #pageSize: number;
  readonly #cache: IdCache;
  readonly #matching: UserNameMatchingProbe;
  readonly #company: CompanyPages;

  constructor(
    @inject(LastPassConnectionClient) client: LastPassClient,
    @inject(ConnectionConfig) config: LastPassConfig,
  ) {
    this.#client = client;
    this.#timeZone = config.timeZone;
    this.#pageSize = config.pageSize;
    this.#company = new CompanyPages(client, config);
    this.#cache = new IdCache(config.idCacheSize);
    this.#matching = new UserNameMatchingProbe(config.userNameMatching, {
      lookupOnce: (userName, signal) => this.lookupOnce(userName, signal),
      someUser: async (signal) => {
        const page = await this.#client.getUserData({ pageindex: 0, pagesize: 1 }, { signal });
        return mapUserPage(page.body, this.#timeZone)[0];
      },
    });
  }

  /** How lookups match user names, once known (see `UserNameMatchingProbe`). */
  get userNameMatching(): 'case-insensitive' | 'exact' | undefined {
    return this.#matching.known;
  }

  get pageSize(): number {
    return this.#pageSize;
  }

  /** Company size seen by the latest unfiltered listing, if any (used to price listings). */
  get knownTotal(): number | undefined {
    return this.#company.knownTotal;
  }

  get cachedIds(): number {
    return this.#cache.size;
  }

  /**
   * The user with this name in any letter case, or undefined when there is none: one
   * `getuserdata username` call, and when it finds nobody, the miss is checked (see
   * `missesAreReliable`): on a server that matches names exactly, by a listing.
   */
  async lookup(userName: string, signal?: AbortSignal): Promise<FoundUser | undefined> {
    const found = await this.lookupOnce(userName, signal);
    if (found !== undefined || (await this.missesAreReliable(signal))) return found;
    const key = normalizeUserName(userName);
    return (await this.findInListing(new Set([key]), signal)).get(key);
  }

  /** True when a lookup that found nobody means nobody has that name, in any case. */
  missesAreReliable(signal?: AbortSignal): Promise<boolean> {
    return this.#matching.missesAreReliable(signal);
  }

  /**
   * The users whose normalized names are `wanted`, by one listing of the company (stopping once all
   * are found), added to `found` under their normalized names.
   */
  findInListing(
    wanted: ReadonlySet<string>,
    signal?: AbortSignal,
    found: Map<string, FoundUser> = new Map(),
  ): Promise<Map<string, FoundUser>> {
    return this.#collect(wanted, signal, found, (entry) => entry);
  }

  /**
   * `findInListing` keeping only the unified users. A bulk create's checks need no more, and the
   * records then die with their page instead of living through the listing (they were most of what
   * each young-generation collection had to copy).
   */
  findUsersInListing(
    wanted: ReadonlySet<string>,
    signal?: AbortSignal,
    found: Map<string, User> = new Map(),
  ): Promise<Map<string, User>> {
    return this.#collect(wanted, signal, found, (entry) => entry.user);
  }

  async #collect<V>(
    wanted: ReadonlySet<string>,
    signal: AbortSignal | undefined,
    found: Map<string, V>,
    keep: (entry: FoundUser) => V,
  ): Promise<Map<string, V>> {
    const before = found.size;
    const take = (key: string, entry: FoundUser) => {
      this.noteListed(entry);
      found.set(key, keep(entry));
    };
    // Three pages requested ahead: LastPass builds the next pages while this side reads the last one.
    for await (const page of this.#company.pages({ wanted, ahead: 3, signal })) {
      forEachWantedEntry(page, this.#timeZone, wanted, take);
      if (found.size - before === wanted.size) break;
    }
    return found;
  }

  /** One `getuserdata username` call, taken as answered; the match is checked ignoring case. */
  async lookupOnce(userName: string, signal?: AbortSignal): Promise<FoundUser | undefined> {
    const result = await this.#client.getUserData({ username: userName }, { signal });
    const found = mapUserPage(result.body, this.#timeZone).find((entry) =>
      sameUserName(entry.record.username, userName),
    );
    if (found !== undefined) this.remember(found);
    return found;
  }

  async resolve(ref: UserRef, signal?: AbortSignal): Promise<FoundUser> {
    const found = 'id' in ref ? await this.findById(ref.id, signal) : await this.lookup(ref.userName, signal);
    if (found === undefined) throw notFound(ref);
    return found;
  }

  async findById(id: string, signal?: AbortSignal): Promise<FoundUser | undefined> {
    if (!NUMERIC_ID.test(id)) return undefined;
    const cached = this.#cache.get(id);
    if (cached !== undefined) {
      // The name as stored: a miss means it moved, and paging finds it.
      const found = await this.lookupOnce(cached, signal);
      if (found?.record.id === id) return found;
      this.#cache.forget(id);
    }
    for await (const page of this.pages({ signal })) {
      const found = page.find((entry) => entry.record.id === id);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The user as it is now, after a write to `userName`; falls back to the id if the name moved. */
  async reread(userName: string, id: string, signal?: AbortSignal): Promise<FoundUser> {
    const found = await this.lookupOnce(userName, signal);
    if (found?.record.id === id) return found;
    const byId = await this.findById(id, signal);
    if (byId === undefined) throw notFound({ id });
    return byId;
  }

  /** Every user, page by page (see `userPages`), each page mapped and noted in the id cache. */
  async *pages(query: PageQuery = {}): AsyncGenerator<FoundUser[]> {
    for await (const page of this.#company.pages(query)) {
      const found = mapUserPage(page, this.#timeZone);
      for (const entry of found) this.noteListed(entry);
      yield found;
    }
  }

  /**
   * The listing's path: page by page, each page's users mapped (and noted) only when pulled,
   * see `userPageEntries`. Pages, not users, are awaited: one async step per page, not per user.
   */
  async *lazyPages(query: PageQuery = {}): AsyncGenerator<Iterable<FoundUser>> {
    for await (const page of this.#company.pages(query)) yield this.#remembering(page, query.wanted);
  }

  *#remembering(page: GetUserDataResponse, wanted: ReadonlySet<string> | undefined): Generator<FoundUser> {
    for (const entry of userPageEntries(page, this.#timeZone, wanted)) {
      this.noteListed(entry);
      yield entry;
    }
  }

  remember(found: FoundUser): void {
    this.#cache.remember(found.record.id, found.record.username);
  }

  /** A user a listing went past: updates a known id, fills the cache's room, never evicts. */
  noteListed(found: FoundUser): void {
    this.#cache.offer(found.record.id, found.record.username);
  }

  forget(id: string): void {
    this.#cache.forget(id);
  }

  /** After a create, the company grew by about this many users (for pricing the next listing). */
  grewBy(count: number): void {
    this.#company.grewBy(count);
  }

  clear(): void {
    this.#cache.clear();
  }
}

/** Token of the connection's `LastPassUserLocator`, shared by its directory and `LastPassApi`. */
export const UserLocator = Symbol.for('@provisionkit/provider-lastpass/UserLocator');
export type UserLocator = LastPassUserLocator;

export function notFound(ref: UserRef): NotFoundError {
  return new NotFoundError(`No LastPass user with ${describeRef(ref)}`, { provider: PROVIDER_ID });
}

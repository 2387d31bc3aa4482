import { normalizeUserName, type User } from '@provisionkit/core';
import type { GetUserDataResponse, LastPassUser } from '../client/index.js';
import { invitedNames, toUnifiedUser } from './to-unified-user.js';

/** A LastPass record together with its unified form. */
export interface FoundUser {
  readonly record: LastPassUser;
  readonly user: User;
}

/**
 * Maps every user of one `getuserdata` answer. Invitation and the `Groups` map are page-level
 * facts, so they are read here; memberships of users not on this page (a company-wide `Groups`
 * map) are ignored, which keeps the work per page bounded by the page.
 */
export function mapUserPage(page: GetUserDataResponse, timeZone: string): FoundUser[] {
  return [...userPageEntries(page, timeZone)];
}

/**
 * `mapUserPage` one user at a time: a listing maps each user only when the caller pulls it, so a
 * page's unified users never all exist at once and die young, which keeps the heap flat. With
 * `wanted` (normalized user names), only those users are mapped.
 */
export function* userPageEntries(
  page: GetUserDataResponse,
  timeZone: string,
  wanted?: ReadonlySet<string>,
): Generator<FoundUser> {
  const mapping = new PageMapping(page, timeZone);
  for (let index = 0; index < page.users.length; index++) {
    // A search for some users maps only those (a check before a create pages a whole company).
    if (wanted === undefined || wanted.has(mapping.keys[index]!)) yield mapping.entry(index);
  }
}

/**
 * The users of one page whose normalized names are `wanted`, each handed to `visit` with that
 * name: a search keeps what it finds, so it takes them without a generator step per user.
 */
export function forEachWantedEntry(
  page: GetUserDataResponse,
  timeZone: string,
  wanted: ReadonlySet<string>,
  visit: (key: string, entry: FoundUser) => void,
): void {
  const mapping = new PageMapping(page, timeZone);
  for (let index = 0; index < page.users.length; index++) {
    const key = mapping.keys[index]!;
    if (wanted.has(key)) visit(key, mapping.entry(index));
  }
}

/** What mapping a page's users needs, read once per page. */
class PageMapping {
  /** Each user name normalized once per page, for the memberships and the callers alike. */
  readonly keys: readonly string[];
  readonly #page: GetUserDataResponse;
  readonly #timeZone: string;
  readonly #invited: ReadonlySet<string> | undefined;
  readonly #memberships: Map<string, string[]> | undefined;

  constructor(page: GetUserDataResponse, timeZone: string) {
    this.#page = page;
    this.#timeZone = timeZone;
    // [U] Without an `invited` list (never seen in a recorded answer) a pending invitation shows as
    // `neverloggedin`, which LastPass records for invited users.
    this.#invited = page.invited === undefined ? undefined : invitedNames(page.invited);
    this.keys = page.users.map((record) => normalizeUserName(record.username));
    this.#memberships = pageMemberships(page, this.keys);
  }

  entry(index: number): FoundUser {
    const record = this.#page.users[index]!;
    const key = this.keys[index]!;
    const user = toUnifiedUser(record, {
      invited: this.#invited === undefined ? record.neverloggedin : this.#invited.has(key),
      timeZone: this.#timeZone,
      extraGroups: this.#memberships?.get(key),
    });
    return { record, user };
  }
}

/**
 * Memberships the `Groups` map gives the page's users beyond their records' own `groups` lists;
 * undefined when it gives none. The usual map only repeats those lists, and then nothing is built.
 */
function pageMemberships(
  page: GetUserDataResponse,
  keys: readonly string[],
): Map<string, string[]> | undefined {
  if (page.groups.length === 0) return undefined;
  const onPage = new Map<string, number>();
  for (let index = 0; index < keys.length; index++) onPage.set(keys[index]!, index);
  let memberships: Map<string, string[]> | undefined;
  for (const group of page.groups) {
    for (const member of group.members) {
      const key = normalizeUserName(member);
      const index = onPage.get(key);
      if (index === undefined || page.users[index]!.groups.includes(group.name)) continue;
      memberships ??= new Map();
      const list = memberships.get(key);
      if (list === undefined) memberships.set(key, [group.name]);
      else list.push(group.name);
    }
  }
  return memberships;
}

import type { BENCH_CREDENTIALS } from './simulator-protocol.js';

/**
 * The hand-written baseline: plain `fetch` + `JSON.parse`, no validation, no mapping, no limiter,
 * no retries. Bodies are built the way the provider's transport builds them (credentials, `cmd`,
 * `data`), so both sides send byte-identical requests (checked by `verifySameRequests`).
 */
export type Credentials = typeof BENCH_CREDENTIALS;

/** Sends one body and returns the parsed answer. Swappable so a run can record what it sent. */
export type Post = (body: string) => Promise<unknown>;

export function rawPost(url: string): Post {
  return async (body) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/xml' },
      body,
    });
    return JSON.parse(await response.text());
  };
}

export function commandBody(credentials: Credentials, cmd: string, data: unknown): string {
  return JSON.stringify({ cid: credentials.cid, provhash: credentials.provhash, cmd, data });
}

export function pageBody(credentials: Credentials, pageindex: number, pagesize: number): string {
  return commandBody(credentials, 'getuserdata', { pageindex, pagesize });
}

export interface RawUser {
  readonly username: string;
}

export interface RawPage {
  readonly total?: number;
  /** A map keyed by user id, or `[]` when empty (PHP's empty map). */
  readonly Users?: Readonly<Record<string, RawUser>> | readonly [];
}

export function usersOf(page: RawPage): RawUser[] {
  const users = page.Users;
  return users === undefined || Array.isArray(users) ? [] : Object.values(users as Record<string, RawUser>);
}

/**
 * Every page of the company, with one page requested ahead like the provider's `userPages` while
 * `total` says more users follow, then the empty page that ends the listing once the last one is
 * read (the provider never takes `total` alone as the end). Same requests as the provider. When
 * `onPage` answers `false` the loop stops there, as a search that found everything it looked for.
 */
export async function rawPages(
  post: Post,
  credentials: Credentials,
  pageSize: number,
  onPage: (page: RawPage) => unknown,
): Promise<void> {
  let index = 0;
  let seen = 0;
  let pending = post(pageBody(credentials, 0, pageSize)) as Promise<RawPage>;
  for (;;) {
    const page = await pending;
    const count = usersOf(page).length;
    if (count === 0) return;
    seen += count;
    index += 1;
    const ahead = seen < (page.total ?? Number.POSITIVE_INFINITY);
    if (ahead) pending = post(pageBody(credentials, index, pageSize)) as Promise<RawPage>;
    if (onPage(page) === false) return;
    if (!ahead) pending = post(pageBody(credentials, index, pageSize)) as Promise<RawPage>;
  }
}

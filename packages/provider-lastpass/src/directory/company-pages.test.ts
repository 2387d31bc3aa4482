import { describe, expect, it } from 'vitest';
import type { RequestOptions } from '../client/call-options.js';
import type { GetUserDataRequest, GetUserDataResponse, LastPassClient } from '../client/index.js';
import { CompanyPages } from './company-pages.js';

/** A client over a company of `size` users that notes, per page, when the listing wanted it. */
function fakeClient(size: number) {
  const reached = new Map<number, boolean>();
  const client = {
    getUserData: async (query: GetUserDataRequest, options: RequestOptions) => {
      const index = query.pageindex ?? 0;
      const pageSize = query.pagesize ?? 10;
      reached.set(index, false);
      options.readAfter?.then(() => reached.set(index, true));
      const ids = Array.from({ length: size }, (_, id) => id).slice(index * pageSize, (index + 1) * pageSize);
      const body: GetUserDataResponse = {
        total: size,
        count: ids.length,
        users: ids.map((id) => ({ id: String(id), username: `u${id}@example.com` }) as never),
        groups: [],
        invited: [],
      };
      return { kind: 'ok' as const, body, info: [] };
    },
  };
  return { client: client as unknown as LastPassClient, reached };
}

describe('CompanyPages', () => {
  describe('.pages', () => {
    it('asks for each page to be read only when the listing reaches it (pages ahead wait unread)', async () => {
      const { client, reached } = fakeClient(50);
      const pages = new CompanyPages(client, { pageSize: 10, maxListedUsers: 1_000 });
      const seen: string[] = [];
      for await (const page of pages.pages({ ahead: 2 })) {
        await Promise.resolve();
        seen.push(
          `${page.users[0]?.id}: ${[...reached].map(([index, read]) => `${index}${read ? '+' : '-'}`).join(' ')}`,
        );
        if (seen.length === 2) break;
      }
      expect(seen).toEqual(['0: 0+ 1- 2-', '10: 0+ 1+ 2- 3-']);
    });
  });
});

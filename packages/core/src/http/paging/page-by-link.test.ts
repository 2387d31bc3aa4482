import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../http-client.js';
import type { HttpResponse } from '../http-response.js';
import { pageByLink } from './page-by-link.js';
import { byId, drain } from './paging-test-helpers.js';

const ORIGIN = 'https://api.acme.test';
const TOKEN = 'tok_link_canary_0a1b2c3d4e5f';

function listing(options: { maxPages?: number } = {}) {
  const client = new HttpClient({
    provider: 'acme',
    baseUrl: ORIGIN,
    bearerToken: TOKEN,
    retry: { maxAttempts: 1 },
  });
  const readPage = async (response: HttpResponse) => ({
    items: (await response.json()) as Array<{ id: string }>,
  });
  return pageByLink({
    client,
    first: { path: '/users', query: { per_page: 2 } },
    readPage,
    itemId: byId,
    ...options,
  });
}

describe('pageByLink', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('follows rel="next" links, absolute or relative, on the same origin', async () => {
    nock(ORIGIN)
      .get('/users')
      .query({ per_page: 2 })
      .reply(200, [{ id: '1' }, { id: '2' }], { link: `<${ORIGIN}/users?page=2>; rel="next"` })
      .get('/users')
      .query({ page: 2 })
      .reply(200, [{ id: '3' }, { id: '4' }], {
        link: '</users?page=3>; rel="next", </users?page=1>; rel="first"',
      })
      .get('/users')
      .query({ page: 3 })
      .reply(200, [{ id: '5' }]);
    const { items, error } = await drain(listing());
    expect(error).toBeUndefined();
    expect(items.map(byId)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('refuses a next link to another origin and never sends it the token', async () => {
    nock(ORIGIN)
      .get('/users')
      .query(true)
      .reply(200, [{ id: '1' }], { link: '<https://collector.evil.test/users?page=2>; rel="next"' });
    const evil = nock('https://collector.evil.test').get('/users').query(true).reply(200, []);
    const { items, error } = await drain(listing());
    expect(items).toHaveLength(0);
    expect(error).toMatchObject({ code: 'provider_error', details: { reason: 'next_link_off_origin' } });
    expect(evil.isDone()).toBe(false);
  });

  it('ends a next link that points back to a page already read', async () => {
    nock(ORIGIN)
      .get('/users')
      .query(true)
      .reply(200, [{ id: '1' }], { link: '</users?page=2>; rel="next"' })
      .get('/users')
      .query({ page: 2 })
      .reply(200, [{ id: '2' }], { link: '</users?page=2>; rel="next"' });
    const { items, error } = await drain(listing());
    expect(items.map(byId)).toEqual(['1', '2']);
    expect(error).toMatchObject({ details: { reason: 'repeated_cursor' } });
  });
});

// The examples of packages/core/HTTP.md, run against nock: the guide quotes these lines verbatim
// (see http-docs.test.ts), so every example there compiles and works.
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  ProviderError,
  silentLogger,
} from '@provisionkit/core';
import {
  createHttpClient,
  type HttpResponse,
  jsonReader,
  pageByCursor,
  pageByLink,
  type Settlement,
} from '@provisionkit/core/http';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const API = 'https://api.acme.test';
const config = { apiToken: 'tok_docs_example_0123456789' };
const logger = silentLogger();

describe('HTTP.md examples', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('creates a client, reads and writes', async () => {
    nock(API)
      .get('/v2/agents/a%2F1')
      .reply(200, { id: 'a/1', login: 'mia' })
      .post('/v2/agents')
      .reply(409, { error: { code: 'login_taken', message: 'taken' } });
    // One client per connection: its own limiter, retry policy and secrets.
    const http = createHttpClient({
      provider: 'acme',
      baseUrl: 'https://api.acme.test/v2',
      bearerToken: config.apiToken,
      logger,
    });

    const Agent = z.object({ id: z.string(), login: z.string() });
    const agent = await http.request({
      method: 'GET',
      path: '/agents/{id}',
      params: { id: 'a/1' },
      read: jsonReader(Agent),
    });

    // 409 → ConflictError (details.providerCode 'login_taken'), 404 → NotFoundError, ...
    const created = http.request({ method: 'POST', path: '/agents', json: { login: 'mia' } });
    await expect(created).rejects.toBeInstanceOf(ConflictError);
    expect(agent.login).toBe('mia');
  });

  it('settles a write whose answer was lost', async () => {
    nock(API)
      .post('/agents')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .get('/agents/by-login/mia')
      .reply(200, { id: '7', login: 'mia' });
    const http = createHttpClient({ provider: 'acme', baseUrl: API, bearerToken: config.apiToken });
    const Agent = z.object({ id: z.string(), login: z.string() });
    const findByLogin = (login: string, signal?: AbortSignal) =>
      http.request({
        method: 'GET',
        path: '/agents/by-login/{login}',
        params: { login },
        read: jsonReader(Agent),
        signal,
      });

    // POST is not idempotent: after a timeout or a reset the toolkit asks `settle` instead of
    // sending it again blindly.
    const agent = await http.request({
      method: 'POST',
      path: '/agents',
      json: { login: 'mia' },
      read: jsonReader(Agent),
      settle: async ({ signal }): Promise<Settlement<z.infer<typeof Agent>>> => {
        const found = await findByLogin('mia', signal).catch((error: unknown) => {
          if (NotFoundError.is(error)) return undefined;
          throw error; // the outcome stays unknown: the write's error is thrown
        });
        return found === undefined ? { status: 'not_applied' } : { status: 'applied', value: found };
      },
    });
    expect(agent.id).toBe('7');
  });

  it('lists by cursor and by Link header', async () => {
    nock(API)
      .get('/agents')
      .query({ limit: 2 })
      .reply(200, { agents: [{ id: '1' }, { id: '2' }], next: 'c2' })
      .get('/agents')
      .query({ limit: 2, cursor: 'c2' })
      .reply(200, { agents: [{ id: '3' }], next: null })
      .get('/groups')
      .reply(200, [{ id: 'g1' }], { link: '</groups?page=2>; rel="next"' })
      .get('/groups')
      .query({ page: 2 })
      .reply(200, [{ id: 'g2' }]);
    const http = createHttpClient({ provider: 'acme', baseUrl: API, bearerToken: config.apiToken });
    const signal = new AbortController().signal;
    const AgentPage = z.object({
      agents: z.array(z.object({ id: z.string() })),
      next: z.string().nullable(),
    });

    const agents = pageByCursor({
      provider: 'acme',
      signal,
      fetchPage: async (cursor) => {
        const query = { limit: 2, cursor };
        const page = await http.request({
          method: 'GET',
          path: '/agents',
          query,
          read: jsonReader(AgentPage),
          signal,
        });
        return { items: page.agents, nextCursor: page.next };
      },
      itemId: (agent) => agent.id, // after fetchPage, so TypeScript knows the item type
    });
    const ids: string[] = [];
    for await (const agent of agents) ids.push(agent.id);

    const Groups = z.array(z.object({ id: z.string() }));
    const groups = pageByLink({
      client: http,
      first: { path: '/groups' },
      readPage: async (response) => ({ items: Groups.parse(await response.json()) }),
      itemId: (group) => group.id,
    });
    for await (const group of groups) ids.push(group.id);
    expect(ids).toEqual(['1', '2', '3', 'g1', 'g2']);
  });

  it('maps errors its own way', async () => {
    nock(API).post('/agents').reply(400, { error: 'login_taken' });
    const http = createHttpClient({
      provider: 'acme',
      baseUrl: API,
      bearerToken: config.apiToken,
      // Acme answers a taken login with 400 instead of 409.
      mapError: (failure) =>
        failure.status === 400 && failure.errorBody?.code === 'login_taken'
          ? new ConflictError('The login is taken', { provider: 'acme', details: { reason: 'login_taken' } })
          : undefined,
    });
    await expect(http.request({ method: 'POST', path: '/agents', json: {} })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('reads an RPC API that answers 200 with an error body', async () => {
    nock(API)
      .post('/rpc')
      .reply(200, '<lastpass rc="Authorization Error"/>')
      .post('/rpc')
      .reply(200, { status: 'FAIL', error: ['No such user'] });
    const http = createHttpClient({ provider: 'acme', baseUrl: API, secrets: [config.apiToken] });

    // The body decides, not the status: the reader throws the typed error.
    async function readRpc(response: HttpResponse): Promise<Record<string, unknown>> {
      const text = await response.text();
      if (text.startsWith('<') && /rc="Authorization Error"/.test(text)) {
        throw new AuthenticationError('Credentials refused', { provider: 'acme' });
      }
      const body = JSON.parse(text) as { status?: string; error?: string[] };
      if (body.status === 'FAIL') {
        if (body.error?.some((message) => /no such user/i.test(message)))
          throw new NotFoundError('No such user');
        throw response.providerError('rpc_failed', 'refused the call', { text });
      }
      return body;
    }

    const call = (cmd: string) =>
      http.request({
        method: 'POST',
        path: '/rpc',
        json: { cmd, key: config.apiToken },
        read: readRpc,
        idempotent: cmd.startsWith('get'),
      });
    await expect(call('getuserdata')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(call('deluser')).rejects.toBeInstanceOf(NotFoundError);
    expect(ProviderError.is(new ProviderError('x'))).toBe(true);
  });

  it('reports its limiter for metrics', async () => {
    const http = createHttpClient({
      provider: 'acme',
      baseUrl: API,
      limits: { maxConcurrent: 4, maxRequestsPerSecond: 20 },
    });
    const { rate, inFlight, queued, throttled } = http.limiterState;
    expect({ rate, inFlight, queued, throttled }).toEqual({ rate: 20, inFlight: 0, queued: 0, throttled: 0 });
  });
});

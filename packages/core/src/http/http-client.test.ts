import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError } from '../errors/error-classes.js';
import type { HttpClientOptionsInput } from './client-options.js';
import { HttpClient } from './http-client.js';
import { jsonReader, noBodyReader, textReader } from './response-readers.js';
import { capturingLogger } from './scripted-sender-test-helpers.js';
import { fetchSender } from './senders/fetch-sender.js';

const ORIGIN = 'https://api.acme.test';
const TOKEN = 'tok_canary_7f3a9b2c4d5e6f708192a3b4';

function makeClient(options: Partial<HttpClientOptionsInput> = {}) {
  return new HttpClient({
    provider: 'acme',
    baseUrl: `${ORIGIN}/v1`,
    bearerToken: TOKEN,
    retry: { maxAttempts: 1 },
    ...options,
  });
}

describe('HttpClient', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  describe('constructor', () => {
    it('refuses bad options with invalid_input naming the field, never quoting the value', () => {
      const bad = [
        [{ baseUrl: 'ftp://x' }, 'options.baseUrl'],
        [{ baseUrl: 'http://api.acme.test' }, 'options.baseUrl'],
        [{ baseUrl: 'https://api.acme.test/?key=1' }, 'options.baseUrl'],
        [{ timeoutMs: 0 }, 'options.timeoutMs'],
        [{ limits: { maxConcurrent: 0 } }, 'options.limits.maxConcurrent'],
        [{ headers: { 'x-bad': `a\r\nb${TOKEN}` } }, 'options.headers.x-bad'],
        [{ sender: 'fetch' }, 'options.sender'],
        [{ retry: { maxAttempts: 2, typo: 1 } }, 'options.retry'],
      ] as const;
      for (const [options, path] of bad) {
        const attempt = () => makeClient(options as Partial<HttpClientOptionsInput>);
        expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_input' }));
        try {
          attempt();
        } catch (error) {
          expect(JSON.stringify(error)).toContain(path);
          expect(JSON.stringify(error)).not.toContain(TOKEN);
        }
      }
      expect(() => new HttpClient(undefined as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    });

    it('keeps its credentials out of inspection and serialization', async () => {
      const { inspect } = await import('node:util');
      const client = makeClient({ headers: { 'x-api-key': `key-${TOKEN}` } });
      expect(inspect(client, { showHidden: true, depth: 20 })).not.toContain(TOKEN);
      expect(JSON.stringify(client)).not.toContain(TOKEN);
    });

    it('allows plain http for loopback hosts, or when told to', () => {
      expect(makeClient({ baseUrl: 'http://127.0.0.1:9/v1' }).baseUrl.host).toBe('127.0.0.1:9');
      expect(makeClient({ baseUrl: 'http://api.acme.test', allowInsecureHttp: true }).baseUrl.protocol).toBe(
        'http:',
      );
    });
  });

  describe('.request', () => {
    it('joins the base path, encodes params, repeats array query values and sends the bearer token', async () => {
      const scope = nock(ORIGIN, {
        reqheaders: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' },
      })
        .get('/v1/agents/a%2F..%20b/roles')
        .query({ tag: ['x', 'y'], limit: '5' })
        .reply(200, { ok: true });
      const result = await makeClient().request({
        method: 'GET',
        path: '/agents/{id}/roles',
        params: { id: 'a/.. b' },
        query: { tag: ['x', 'y'], limit: 5, skip: undefined },
      });
      expect(result).toEqual({ ok: true });
      expect(scope.isDone()).toBe(true);
    });

    it('sends JSON and form bodies with their content types', async () => {
      nock(ORIGIN, { reqheaders: { 'content-type': 'application/json' } })
        .post('/v1/agents', { login: 'mia' })
        .reply(201, { id: '1' });
      nock(ORIGIN, { reqheaders: { 'content-type': 'application/x-www-form-urlencoded' } })
        .post('/v1/token', 'grant=a%26b')
        .reply(204);
      const client = makeClient();
      await expect(
        client.request({ method: 'POST', path: '/agents', json: { login: 'mia' } }),
      ).resolves.toEqual({ id: '1' });
      await expect(
        client.request({ method: 'POST', path: '/token', form: { grant: 'a&b' }, read: noBodyReader() }),
      ).resolves.toBeUndefined();
    });

    it('refuses paths that would leave the base URL, before sending anything', async () => {
      const client = makeClient();
      for (const request of [
        { method: 'GET', path: 'https://evil.test/v1/x' },
        { method: 'GET', path: '/agents/{id}', params: { id: '..' } },
        { method: 'GET', path: '/agents/{id}' },
        { method: 'GET', path: 'agents' },
        { method: 'TRACE', path: '/agents' },
        { method: 'POST', path: '/a', json: {}, body: 'x' },
      ]) {
        await expect(client.request(request as never)).rejects.toMatchObject({ code: 'invalid_input' });
      }
    });

    it.each([
      [400, 'invalid_input'],
      [401, 'authentication'],
      [403, 'permission_denied'],
      [404, 'not_found'],
      [408, 'unavailable'],
      [409, 'conflict'],
      [418, 'provider_error'],
      [422, 'invalid_input'],
      [429, 'rate_limited'],
      [500, 'unavailable'],
      [503, 'unavailable'],
    ])('maps HTTP %i to %s', async (status, code) => {
      nock(ORIGIN).get('/v1/x').reply(status, 'nope');
      await expect(makeClient().request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
        code,
        provider: 'acme',
        details: expect.objectContaining({ httpStatus: status, method: 'GET', path: '/x' }),
      });
    });

    it('reads the provider code and message from a JSON error body', async () => {
      nock(ORIGIN)
        .post('/v1/agents')
        .reply(409, { error: { code: 'login_taken', message: 'Login mia is taken' } });
      await expect(makeClient().request({ method: 'POST', path: '/agents', json: {} })).rejects.toMatchObject(
        {
          code: 'conflict',
          details: { providerCode: 'login_taken', providerMessage: 'Login mia is taken' },
        },
      );
    });

    it('lets a request mapper, then the client mapper, override the table', async () => {
      const client = makeClient({
        mapError: (failure) =>
          failure.status === 400 && failure.errorBody?.code === 'login_taken'
            ? new ConflictError('taken', { provider: 'acme' })
            : undefined,
      });
      nock(ORIGIN).post('/v1/agents').times(2).reply(400, { error: 'login_taken' });
      await expect(client.request({ method: 'POST', path: '/agents', json: {} })).rejects.toMatchObject({
        code: 'conflict',
      });
      const mapError = () => new ConflictError('from the request');
      await expect(client.request({ method: 'POST', path: '/agents', json: {}, mapError })).rejects.toThrow(
        'from the request',
      );
    });

    it('checks a JSON answer with a schema, naming paths and codes only', async () => {
      nock(ORIGIN).get('/v1/me').reply(200, { id: 42, email: 'private@example.com' });
      const read = jsonReader(z.object({ id: z.string(), email: z.string() }));
      const error = await makeClient()
        .request({ method: 'GET', path: '/me', read })
        .catch((caught) => caught);
      expect(error).toMatchObject({
        code: 'provider_error',
        details: { reason: 'unexpected_response', issues: [{ path: 'id', code: 'invalid_type' }] },
      });
      expect(JSON.stringify(error)).not.toContain('private@example.com');
    });

    it('fails typed on a body that is not JSON, and on a reader that throws a TypeError', async () => {
      nock(ORIGIN).get('/v1/a').reply(200, '<html>oops</html>');
      nock(ORIGIN).get('/v1/b').reply(200, 'x');
      const client = makeClient();
      await expect(client.request({ method: 'GET', path: '/a' })).rejects.toMatchObject({
        code: 'provider_error',
        details: { reason: 'unreadable_body', excerpt: '<html>oops</html>' },
      });
      const read = () => (undefined as unknown as { x: number }).x;
      await expect(client.request({ method: 'GET', path: '/b', read })).rejects.toMatchObject({
        code: 'provider_error',
        details: { reason: 'reader_failed', errorName: 'TypeError' },
      });
    });

    it('lets a reader report a 200 with an error body as a typed failure', async () => {
      nock(ORIGIN).get('/v1/rpc').reply(200, { status: 'FAIL', error: 'No such user' });
      const read = async (response: import('./http-response.js').HttpResponse) => {
        const body = (await response.json()) as { status: string };
        if (body.status === 'FAIL') throw response.providerError('rpc_failed', 'refused the call');
        return body;
      };
      await expect(makeClient().request({ method: 'GET', path: '/rpc', read })).rejects.toMatchObject({
        code: 'provider_error',
        details: { reason: 'rpc_failed', httpStatus: 200 },
      });
    });

    it('never follows a redirect: a 3xx is provider_error and the target is never contacted', async () => {
      nock(ORIGIN).post('/v1/agents').reply(307, '', { location: 'https://elsewhere.test/steal' });
      const elsewhere = nock('https://elsewhere.test').post('/steal').reply(200, {});
      const error = await makeClient()
        .request({ method: 'POST', path: '/agents', json: {} })
        .catch((caught) => caught);
      expect(error).toMatchObject({
        code: 'provider_error',
        details: { reason: 'redirect', httpStatus: 307 },
      });
      expect(elsewhere.isDone()).toBe(false);
    });

    it('keeps the token out of errors, whole, encoded or in part, when the server echoes it', async () => {
      const half = TOKEN.slice(0, TOKEN.length / 2);
      const echoes = [
        `bad token ${TOKEN}`,
        `bad token ${encodeURIComponent(TOKEN)}`,
        `bad token ${Buffer.from(TOKEN).toString('base64')}`,
        `Authorization: Bearer ${TOKEN}`,
        `token=${half}`,
        JSON.stringify({ error: { code: 'bad_token', message: `token ${TOKEN} expired` } }),
        `${'x'.repeat(190)}${TOKEN}`,
      ];
      for (const body of echoes) {
        nock(ORIGIN).get('/v1/me').reply(418, body);
        const error = (await makeClient()
          .request({ method: 'GET', path: '/me' })
          .catch((caught) => caught)) as Error;
        const visible = `${JSON.stringify(error)} ${error.message} ${error.stack}`;
        expect(visible).not.toContain(half);
        expect(visible).not.toContain(TOKEN.slice(-12));
        expect(visible).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 16));
      }
    });

    it('keeps request secrets (an initial password in the body) out of errors', async () => {
      const password = 'Pw-canary-0123456789';
      nock(ORIGIN).post('/v1/agents').reply(418, `rejected {"password":"${password}"}`);
      const error = await makeClient()
        .request({ method: 'POST', path: '/agents', json: { password }, secrets: [password] })
        .catch((caught) => caught);
      expect(JSON.stringify(error)).not.toContain(password);
    });

    it('writes one log line per exchange: no query values, body or token', async () => {
      const { logger, lines, text } = capturingLogger();
      nock(ORIGIN).get('/v1/agents').query(true).reply(503).get('/v1/agents').query(true).reply(200, []);
      const client = makeClient({ logger, retry: { maxAttempts: 2, baseDelayMs: 0 } });
      await client.request({
        method: 'GET',
        path: '/agents',
        query: { email: 'mia@example.com' },
        operation: 'listAgents',
      });
      expect(lines()).toEqual([
        expect.objectContaining({
          msg: 'http exchange',
          operation: 'listAgents',
          method: 'GET',
          host: 'api.acme.test',
          path: '/agents',
          status: 503,
          attempt: 1,
          outcome: 'retry',
          errorCode: 'unavailable',
        }),
        expect.objectContaining({ status: 200, attempt: 2, outcome: 'ok', durationMs: expect.any(Number) }),
      ]);
      expect(text()).not.toContain('mia');
      expect(text()).not.toContain(TOKEN);
    });

    it('works the same over the fetch sender', async () => {
      nock(ORIGIN).get('/v1/agents/7').reply(200, 'plain');
      nock(ORIGIN).get('/v1/agents/8').reply(404, { message: 'gone' });
      const client = makeClient({ sender: fetchSender() });
      await expect(client.request({ method: 'GET', path: '/agents/7', read: textReader() })).resolves.toBe(
        'plain',
      );
      await expect(client.request({ method: 'GET', path: '/agents/8' })).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  });
});

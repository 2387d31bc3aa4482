import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpClientOptionsInput } from './client-options.js';
import { HttpClient } from './http-client.js';
import { type LocalServer, startLocalServer } from './local-server-test-helpers.js';
import { noBodyReader } from './response-readers.js';
import { fetchSender } from './senders/fetch-sender.js';
import { nodeHttpSender } from './senders/node-http-sender.js';
import type { HttpSender } from './senders/sender.js';

const TOKEN = 'tok_hostile_canary_5a6b7c8d9e0f1a2b3c4d';
const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server;
}

function closed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => response.on('close', () => resolve()));
}

const SENDERS: Array<[string, () => HttpSender]> = [
  ['fetch', () => fetchSender()],
  ['node:http', () => nodeHttpSender()],
];

describe.each(SENDERS)('HttpClient against hostile servers (%s sender)', (_name, makeSender) => {
  function clientFor(server: LocalServer, options: Partial<HttpClientOptionsInput> = {}): HttpClient {
    return new HttpClient({
      provider: 'acme',
      baseUrl: server.url,
      bearerToken: TOKEN,
      sender: makeSender(),
      timeoutMs: 2000,
      maxResponseBytes: 1024 * 1024,
      retry: { maxAttempts: 1, baseDelayMs: 0 },
      ...options,
    });
  }

  describe('.request', () => {
    it('cuts off an endless body at the cap and closes the connection', async () => {
      let gone: Promise<void> = Promise.resolve();
      const server = await serve((_request, response) => {
        gone = closed(response);
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
      });
      await expect(clientFor(server).request({ method: 'GET', path: '/users' })).rejects.toMatchObject({
        code: 'provider_error',
        details: { reason: 'response_too_large', limitBytes: 1024 * 1024 },
      });
      await gone;
    });

    it('decodes a gzip answer it asked for', async () => {
      const server = await serve((request, response) => {
        const gzip = String(request.headers['accept-encoding']).includes('gzip');
        const body = JSON.stringify({ users: ['a', 'b'] });
        response.writeHead(200, {
          'content-type': 'application/json',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        });
        response.end(gzip ? gzipSync(body) : body);
      });
      await expect(clientFor(server).request({ method: 'GET', path: '/users' })).resolves.toEqual({
        users: ['a', 'b'],
      });
    });

    it('stops a compressed bomb at the cap on the decoded size', async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.byteLength) });
        response.end(bomb);
      });
      await expect(clientFor(server).request({ method: 'GET', path: '/users' })).rejects.toMatchObject({
        details: { reason: 'response_too_large' },
      });
    });

    it('releases the connection of a body no reader asked for', async () => {
      let gone: Promise<void> = Promise.resolve();
      const server = await serve((_request, response) => {
        gone = closed(response);
        response.writeHead(200);
        const pump = () => {
          while (!response.destroyed && response.write(Buffer.alloc(64 * 1024)));
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
      });
      const read = noBodyReader();
      await expect(clientFor(server).request({ method: 'POST', path: '/x', read })).resolves.toBeUndefined();
      await gone;
    }, 5000); // a hang detector: without the cancel, the socket stays open until undici gives up

    it('refuses a declared body over the cap without reading it', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        response.write('{"users":[');
      });
      const client = clientFor(server, { timeoutMs: 30_000 });
      await expect(client.request({ method: 'GET', path: '/users' })).rejects.toMatchObject({
        details: { reason: 'response_too_large' },
      });
    });

    it('reads an error body only as far as it needs', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(500);
        const pump = () => {
          while (!response.destroyed && response.write(Buffer.alloc(64 * 1024, 'e')));
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
      });
      await expect(clientFor(server).request({ method: 'GET', path: '/users' })).rejects.toMatchObject({
        code: 'unavailable',
        details: { httpStatus: 500 },
      });
    });

    it('times out a server that never answers, on every attempt', async () => {
      const server = await serve(() => undefined);
      const client = clientFor(server, { timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 0 } });
      await expect(client.request({ method: 'GET', path: '/users' })).rejects.toMatchObject({
        code: 'unavailable',
        details: { reason: 'timeout' },
      });
      expect(server.requests()).toBe(2);
    });

    it('times out a slow-loris body that trickles forever', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => response.write(' '), 20);
        response.on('close', () => clearInterval(timer));
      });
      await expect(
        clientFor(server, { timeoutMs: 200 }).request({ method: 'GET', path: '/users' }),
      ).rejects.toMatchObject({ code: 'unavailable', details: { reason: 'timeout' } });
    });

    it('gives up on a 429 storm after maxAttempts and counts it in the limiter', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(429, { 'retry-after': '0' }).end('{"error":"slow_down"}');
      });
      const client = clientFor(server, {
        retry: { maxAttempts: 3, baseDelayMs: 0 },
        limits: { adaptive: false },
      });
      await expect(client.request({ method: 'GET', path: '/users' })).rejects.toMatchObject({
        code: 'rate_limited',
      });
      expect(server.requests()).toBe(3);
      expect(client.limiterState.throttled).toBe(3);
    });

    for (const value of ['99999999999999999999999', '9'.repeat(400), 'Thu, 01 Jan 2099 00:00:00 GMT']) {
      it(`reports Retry-After ${value.slice(0, 24)} as a finite wait without waiting`, async () => {
        const server = await serve((_request, response) => {
          response.writeHead(429, { 'retry-after': value }).end();
        });
        const client = clientFor(server, { retry: { maxAttempts: 4 } });
        const error = await client.request({ method: 'GET', path: '/users' }).catch((caught) => caught);
        expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3_600_000 });
        expect(server.requests()).toBe(1);
      });
    }

    it('never follows a redirect to another host', async () => {
      const other = await serve((_request, response) => response.end('{}'));
      const server = await serve((_request, response) => {
        response.writeHead(308, { location: `${other.url}/collect` }).end();
      });
      await expect(
        clientFor(server).request({ method: 'POST', path: '/users', json: { a: 1 } }),
      ).rejects.toMatchObject({ code: 'provider_error', details: { reason: 'redirect', httpStatus: 308 } });
      expect(other.requests()).toBe(0);
    });

    it('keeps the token out of errors from a server that echoes the request', async () => {
      const server = await serve((request, response, body) => {
        const echo = `auth=${request.headers.authorization} url=${request.url} body=${body}`;
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: echo, error: { code: request.headers.authorization } }));
      });
      const client = clientFor(server, { secrets: [] });
      const error = (await client
        .request({ method: 'POST', path: '/users', query: { t: TOKEN }, form: { token: TOKEN } })
        .catch((caught) => caught)) as Error & { code: string };
      expect(error.code).toBe('invalid_input');
      expect(`${JSON.stringify(error)} ${error.message} ${error.stack}`).not.toContain(TOKEN.slice(4, 24));
    });

    it('does not resend a POST whose answer broke off, and says its outcome is unknown', async () => {
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"id":');
        setTimeout(() => response.socket?.destroy(), 10);
      });
      const client = clientFor(server, { retry: { maxAttempts: 3, baseDelayMs: 0 } });
      await expect(client.request({ method: 'POST', path: '/users', json: {} })).rejects.toMatchObject({
        code: 'unavailable',
        details: { reason: 'network', writeOutcome: 'unknown' },
      });
      expect(server.requests()).toBe(1);
      await expect(client.request({ method: 'GET', path: '/users' })).rejects.toMatchObject({
        code: 'unavailable',
      });
      expect(server.requests()).toBe(4);
    });

    it('ends as cancelled, not provider_error, when the caller aborts mid-body', async () => {
      const controller = new AbortController();
      const server = await serve((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('[');
        setTimeout(() => controller.abort(), 20);
      });
      await expect(
        clientFor(server).request({ method: 'GET', path: '/users', signal: controller.signal }),
      ).rejects.toMatchObject({ code: 'cancelled' });
    });
  });
});

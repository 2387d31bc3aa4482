import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../errors/error-classes.js';
import type { HttpResponse } from './http-response.js';
import { scriptedClient } from './scripted-client-test-helpers.js';

const OK = { status: 200, body: '{"id":"u1"}' };

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A JSON reader that counts its calls. */
function countingReader() {
  const calls = { count: 0 };
  const read = async (response: HttpResponse) => {
    calls.count += 1;
    return response.json();
  };
  return { calls, read };
}

describe('HttpClient', () => {
  describe('.request with readAfter', () => {
    it('receives the answer but reads it only once readAfter settles', async () => {
      const { client, sent, clock } = scriptedClient([OK]);
      const { calls, read } = countingReader();
      const wanted = gate();
      const pending = client.request({ method: 'GET', path: '/users', read, readAfter: wanted.promise });
      await clock.advance(10);
      expect(sent).toHaveLength(1);
      expect(calls.count).toBe(0);
      wanted.open();
      await expect(pending).resolves.toEqual({ id: 'u1' });
      expect(calls.count).toBe(1);
    });

    it('frees its limiter slot once the body has arrived, so the next request goes meanwhile', async () => {
      const { client, sent, clock } = scriptedClient([OK], { limits: { maxConcurrent: 1, adaptive: false } });
      const wanted = gate();
      const first = client.request({ method: 'GET', path: '/a', readAfter: wanted.promise });
      const second = client.request({ method: 'GET', path: '/b' });
      await expect(clock.finish(second)).resolves.toEqual({ id: 'u1' });
      expect(sent.map((request) => new URL(request.url).pathname)).toEqual(['/v1/a', '/v1/b']);
      wanted.open();
      await expect(first).resolves.toEqual({ id: 'u1' });
    });

    it('does not time out while the received body waits for its reader', async () => {
      const { client, clock } = scriptedClient([OK], { timeoutMs: 1_000 });
      const wanted = gate();
      const pending = client.request({ method: 'GET', path: '/users', readAfter: wanted.promise });
      await clock.advance(60_000);
      wanted.open();
      await expect(pending).resolves.toEqual({ id: 'u1' });
    });

    it('ends the wait with the caller cancellation when its signal aborts, the reader never called', async () => {
      const { client, clock } = scriptedClient([OK]);
      const { calls, read } = countingReader();
      const controller = new AbortController();
      const pending = client.request({
        method: 'GET',
        path: '/users',
        read,
        readAfter: new Promise(() => undefined),
        signal: controller.signal,
      });
      await clock.advance(10);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      expect(calls.count).toBe(0);
    });

    it('sends again when the reader finds a held body retryable, reading the resend at once', async () => {
      const { client, sent, clock } = scriptedClient([{ status: 200, body: '{"busy":true}' }, OK], {
        retry: { maxAttempts: 2 },
      });
      let reads = 0;
      const read = async (response: HttpResponse) => {
        reads += 1;
        const body = (await response.json()) as { busy?: boolean };
        if (body.busy === true) throw new UnavailableError('acme is busy', { provider: 'acme' });
        return body;
      };
      const wanted = gate();
      const pending = client.request({ method: 'GET', path: '/users', read, readAfter: wanted.promise });
      await clock.advance(10);
      expect([sent.length, reads]).toEqual([1, 0]);
      wanted.open();
      await expect(clock.finish(pending)).resolves.toEqual({ id: 'u1' });
      expect([sent.length, reads]).toEqual([2, 2]);
    });

    it('refuses a readAfter that is not a promise with invalid_input', async () => {
      const { client } = scriptedClient([OK]);
      await expect(
        client.request({ method: 'GET', path: '/users', readAfter: 'later' as never }),
      ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('readAfter') });
    });
  });
});

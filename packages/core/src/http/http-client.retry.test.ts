import { describe, expect, it, vi } from 'vitest';
import type { RateLimitedError } from '../errors/error-classes.js';
import type { Settlement } from './http-request.js';
import { scriptedClient } from './scripted-client-test-helpers.js';

const OK = { status: 200, body: '{"id":"u1"}' };

describe('HttpClient', () => {
  describe('.request (retries)', () => {
    it('resends a GET after 503 and a reset, then returns the answer', async () => {
      const { run, sent } = scriptedClient([{ status: 503 }, { networkError: 'ECONNRESET' }, OK]);
      await expect(run({ method: 'GET', path: '/users' })).resolves.toEqual({ id: 'u1' });
      expect(sent).toHaveLength(3);
    });

    it('stops after maxAttempts with the last error', async () => {
      const { run, sent } = scriptedClient([{ status: 502 }], { retry: { maxAttempts: 3 } });
      await expect(run({ method: 'GET', path: '/users' })).rejects.toMatchObject({ code: 'unavailable' });
      expect(sent).toHaveLength(3);
    });

    it('never resends a 4xx', async () => {
      const { run, sent } = scriptedClient([{ status: 409 }]);
      await expect(run({ method: 'POST', path: '/users', json: {} })).rejects.toMatchObject({
        code: 'conflict',
      });
      expect(sent).toHaveLength(1);
    });

    it('resends a POST refused with 429: the server did not apply it', async () => {
      const { run, sent } = scriptedClient([{ status: 429 }, OK]);
      await expect(run({ method: 'POST', path: '/users', json: { a: 1 } })).resolves.toEqual({ id: 'u1' });
      expect(sent).toHaveLength(2);
    });

    it('resends a POST whose connection was refused: it never left this machine', async () => {
      const { run, sent } = scriptedClient([{ networkError: 'ECONNREFUSED' }, OK]);
      await expect(run({ method: 'POST', path: '/users', json: {} })).resolves.toEqual({ id: 'u1' });
      expect(sent).toHaveLength(2);
    });

    for (const answer of [{ status: 500 }, { networkError: 'ECONNRESET' }] as const) {
      it(`does not resend a POST after ${JSON.stringify(answer)} without a settle hook`, async () => {
        const { run, sent } = scriptedClient([answer, OK]);
        const failure = run({ method: 'POST', path: '/users', json: {} });
        await expect(failure).rejects.toMatchObject({
          code: 'unavailable',
          details: { writeOutcome: 'unknown' },
        });
        expect(sent).toHaveLength(1);
      });
    }

    it('resends a PATCH marked idempotent after a reset', async () => {
      const { run, sent } = scriptedClient([{ networkError: 'ECONNRESET' }, OK]);
      await run({ method: 'PATCH', path: '/users/1', json: {}, idempotent: true });
      expect(sent).toHaveLength(2);
    });

    it('returns what settle read when the ambiguous write was applied', async () => {
      const { run, sent } = scriptedClient([{ networkError: 'ECONNRESET' }, OK]);
      const settle = vi.fn(async () => ({ status: 'applied' as const, value: { id: 'read-back' } }));
      await expect(run({ method: 'POST', path: '/users', json: {}, settle })).resolves.toEqual({
        id: 'read-back',
      });
      expect(sent).toHaveLength(1);
      expect(settle).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1 }));
    });

    it('resends, with the body settle gives, only what was not applied', async () => {
      const { run, sent } = scriptedClient([{ status: 504 }, OK]);
      const settle = async () => ({ status: 'not_applied' as const, resend: { json: { users: ['b'] } } });
      await run({ method: 'POST', path: '/users', json: { users: ['a', 'b'] }, settle });
      expect(sent.map((request) => request.body)).toEqual(['{"users":["a","b"]}', '{"users":["b"]}']);
    });

    it('fails with writeOutcome unknown when settle cannot tell or throws', async () => {
      for (const settle of [
        async () => ({ status: 'unknown' as const }),
        async () => {
          throw new Error('read failed');
        },
        async () => 'nonsense' as never,
      ]) {
        const { run, sent } = scriptedClient([{ networkError: 'ECONNRESET' }, OK]);
        const failure = run({ method: 'POST', path: '/users', json: {}, settle });
        await expect(failure).rejects.toMatchObject({
          code: 'unavailable',
          details: { writeOutcome: 'unknown' },
        });
        expect(sent).toHaveLength(1);
      }
    });

    it('settles after the last attempt too, and says not_applied when nothing was written', async () => {
      const { run, sent } = scriptedClient([{ status: 500 }], { retry: { maxAttempts: 2 } });
      const settle = vi.fn(async () => ({ status: 'not_applied' as const }));
      const failure = run({ method: 'POST', path: '/users', json: {}, settle });
      await expect(failure).rejects.toMatchObject({ details: { writeOutcome: 'not_applied' } });
      expect(sent).toHaveLength(2);
      expect(settle).toHaveBeenCalledTimes(2);
    });

    it('settles again when the resend is refused: a held first attempt may have landed since', async () => {
      const { run, sent } = scriptedClient([{ networkError: 'ECONNRESET' }, { status: 409 }]);
      const settle = vi
        .fn<() => Promise<Settlement<{ id: string }>>>()
        .mockResolvedValueOnce({ status: 'not_applied' })
        .mockResolvedValueOnce({ status: 'applied', value: { id: 'read-back' } });
      await expect(run({ method: 'POST', path: '/users', json: {}, settle })).resolves.toEqual({
        id: 'read-back',
      });
      expect(sent).toHaveLength(2);
      expect(settle).toHaveBeenCalledTimes(2);
    });

    it('throws the refusal of a resend when settling again finds nothing written', async () => {
      const { run } = scriptedClient([{ networkError: 'ECONNRESET' }, { status: 409 }]);
      const settle = vi.fn(async () => ({ status: 'not_applied' as const }));
      await expect(run({ method: 'POST', path: '/users', json: {}, settle })).rejects.toMatchObject({
        code: 'conflict',
      });
      expect(settle).toHaveBeenCalledTimes(2);
    });

    it("adds the request's errorDetails to every error it throws, redacted like the rest", async () => {
      const { run } = scriptedClient([{ status: 503 }], {
        retry: { maxAttempts: 1 },
        secrets: ['s3cr3t-value'],
      });
      const request = {
        method: 'POST',
        path: '/rpc',
        json: {},
        errorDetails: { command: 'getusers' },
      } as const;
      await expect(run(request)).rejects.toMatchObject({
        code: 'unavailable',
        details: { command: 'getusers', httpStatus: 503 },
      });
      const leaking = { ...request, errorDetails: { command: 's3cr3t-value' } };
      const error = (await run(leaking).catch((caught) => caught)) as { details: Record<string, unknown> };
      expect(error.details.command).toBe('[REDACTED]');
    });

    it('never settles a refusal that no ambiguous attempt came before', async () => {
      const { run } = scriptedClient([{ status: 409 }]);
      const settle = vi.fn(async () => ({ status: 'applied' as const, value: {} }));
      await expect(run({ method: 'POST', path: '/users', json: {}, settle })).rejects.toMatchObject({
        code: 'conflict',
      });
      expect(settle).not.toHaveBeenCalled();
    });

    it('waits the server Retry-After (within maxRetryAfterMs) before resending', async () => {
      const { run, clock } = scriptedClient([{ status: 429, headers: { 'retry-after': '7' } }, OK]);
      await run({ method: 'GET', path: '/users' });
      expect(clock.now()).toBeGreaterThanOrEqual(7000);
    });

    for (const value of ['99999999999999999999999', '9'.repeat(400), 'Thu, 01 Jan 2099 00:00:00 GMT']) {
      it(`hands a Retry-After of ${value.slice(0, 30)} to the host at once, finite and clamped`, async () => {
        const { run, sent } = scriptedClient([{ status: 429, headers: { 'retry-after': value } }, OK]);
        const error = (await run({ method: 'GET', path: '/users' }).catch(
          (caught) => caught,
        )) as RateLimitedError;
        expect(error.code).toBe('rate_limited');
        expect(error.retryAfterMs).toBe(3_600_000);
        expect(JSON.parse(JSON.stringify(error)).details.retryAfterMs).toBe(3_600_000);
        expect(sent).toHaveLength(1);
      });
    }

    it('applies a per-request retry override, validated', async () => {
      const { run, sent } = scriptedClient([{ status: 503 }]);
      await expect(run({ method: 'GET', path: '/users', retry: { maxAttempts: 1 } })).rejects.toMatchObject({
        code: 'unavailable',
      });
      expect(sent).toHaveLength(1);
      await expect(run({ method: 'GET', path: '/users', retry: { maxAttempts: 0 } })).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'request.retry.maxAttempts' })],
      });
    });
  });

  describe('.request (cancellation)', () => {
    it('sends nothing for an already-aborted signal and throws cancelled', async () => {
      const { run, sent } = scriptedClient([OK]);
      await expect(run({ method: 'GET', path: '/users', signal: AbortSignal.abort() })).rejects.toMatchObject(
        {
          code: 'cancelled',
          provider: 'acme',
        },
      );
      expect(sent).toHaveLength(0);
    });

    it('throws cancelled when aborted during a back-off wait, and sends nothing more', async () => {
      const controller = new AbortController();
      const { client, clock, sent } = scriptedClient([{ status: 503 }, OK]);
      const pending = client.request({ method: 'GET', path: '/users', signal: controller.signal });
      const outcome = pending.catch((error) => error);
      await clock.settle();
      controller.abort();
      await clock.advance(60_000);
      expect(await outcome).toMatchObject({ code: 'cancelled' });
      expect(sent).toHaveLength(1);
    });

    it('throws cancelled when settle is interrupted by the abort', async () => {
      const controller = new AbortController();
      const { run } = scriptedClient([{ networkError: 'ECONNRESET' }]);
      const settle = async () => {
        controller.abort();
        throw new Error('read aborted');
      };
      const failure = run({ method: 'POST', path: '/users', json: {}, settle, signal: controller.signal });
      await expect(failure).rejects.toMatchObject({ code: 'cancelled' });
    });
  });
});

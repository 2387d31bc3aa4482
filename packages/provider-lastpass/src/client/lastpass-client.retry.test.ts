import { VirtualClock } from '@provisionkit/core/testing';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { parseLastPassClientConfig } from './client-config.js';
import { LastPassClient } from './lastpass-client.js';
import { GONE_AFTER_AMBIGUOUS, READ_BACK_CONFIRMED } from './wire-caller.js';
import { scriptedLastPass, type WireScript } from './wire-test-helpers.js';

const XML = { 'content-type': 'text/xml;charset=UTF-8' };
const OK: WireScript = { status: 200, body: '{"status":"OK"}', headers: XML };
const TIMEOUT_MS = 30_000;

/** A client on an in-process LastPass and a virtual clock: waits and timeouts take no real time. */
function setup(
  script: Record<string, readonly WireScript[]>,
  retry: Record<string, unknown> = {},
  limits: Record<string, unknown> = { requestsPerSecond: 10_000 },
) {
  const config = parseLastPassClientConfig({
    cid: 1234567,
    provhash: 'b2'.repeat(32),
    baseUrl: 'https://lastpass.retry.test/enterpriseapi.php',
    timeoutMs: TIMEOUT_MS,
    limits,
    retry: { baseDelayMs: 100, jitter: 'none', ...retry },
  });
  const clock = new VirtualClock();
  const { sender, commands, bodies } = scriptedLastPass(script);
  const client = new LastPassClient(config, pino({ level: 'silent' }), { sender, clock });
  return { client, clock, commands, bodies, run: <T>(pending: Promise<T>) => clock.finish(pending) };
}

const answer = (status: number, body: string, headers: Record<string, string> = XML): WireScript => ({
  status,
  body,
  headers,
});

describe('LastPassClient (retries)', () => {
  describe('.call', () => {
    it('retries a 429 after waiting what Retry-After asked', async () => {
      const { client, clock, commands, run } = setup({
        getuserdata: [answer(429, 'Too Many Requests', { 'retry-after': '3' }), answer(200, '{"Users":[]}')],
      });
      await expect(run(client.call('getuserdata'))).resolves.toMatchObject({ kind: 'ok' });
      expect(commands).toHaveLength(2);
      expect(clock.now()).toBe(3000);
    });

    it('retries a 503 with capped exponential back-off', async () => {
      const { client, clock, run } = setup({
        getsfdata: [answer(503, 'busy'), answer(503, 'busy'), answer(200, '[]')],
      });
      await expect(run(client.call('getsfdata'))).resolves.toMatchObject({ kind: 'ok' });
      expect(clock.now()).toBe(100 + 200);
    });

    it('gives up after maxAttempts with the last error', async () => {
      const { client, commands, run } = setup({ getuserdata: [answer(503, 'busy')] }, { maxAttempts: 3 });
      await expect(run(client.call('getuserdata'))).rejects.toMatchObject({ code: 'unavailable' });
      expect(commands).toHaveLength(3);
    });

    it('does not retry codes outside retryOn', async () => {
      const { client, commands, run } = setup(
        { getuserdata: [answer(503, 'busy'), answer(200, '{"Users":[]}')] },
        { retryOn: ['rate_limited'] },
      );
      await expect(run(client.call('getuserdata'))).rejects.toMatchObject({ code: 'unavailable' });
      expect(commands).toHaveLength(1);
    });

    it('never retries a logical failure', async () => {
      const { client, clock, commands, run } = setup({
        deluser: [answer(200, '{"status":"FAIL","error":"No such user: a@example.com"}')],
      });
      await expect(
        run(client.call('deluser', { username: 'a@example.com', deleteaction: 0 })),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect(commands).toHaveLength(1);
      expect(clock.now()).toBe(0);
    });
  });

  describe('non-idempotent writes', () => {
    it('does not resend batchadd after a timeout without read-back', async () => {
      const { client, commands, run } = setup({ batchadd: ['hang', OK] });
      const error = await run(client.batchAdd([{ username: 'a@example.com' }])).catch((thrown) => thrown);
      expect(error).toMatchObject({
        code: 'unavailable',
        details: { reason: 'timeout', writeOutcome: 'unknown' },
      });
      expect(commands).toEqual(['batchadd']);
    });

    it('resends batchadd when read-back says the first send did not apply', async () => {
      const { client, commands, run } = setup({ batchadd: ['hang', OK] });
      const readBack = vi.fn(async () => false);
      const result = await run(client.batchAdd([{ username: 'a@example.com' }], { readBack }));
      expect(result).toMatchObject({ kind: 'ok', info: [] });
      expect(readBack).toHaveBeenCalledTimes(1);
      expect(commands).toEqual(['batchadd', 'batchadd']);
    });

    it('skips the resend when read-back says the first send applied', async () => {
      const { client, commands, run } = setup({ batchadd: [answer(502, 'bad gateway'), OK] });
      const result = await run(
        client.batchAdd([{ username: 'a@example.com' }], { readBack: async () => true }),
      );
      expect(result).toMatchObject({ kind: 'ok', info: [READ_BACK_CONFIRMED] });
      expect(commands).toEqual(['batchadd']);
    });

    it('resends only what settle says is missing, in the LastPass envelope', async () => {
      const { client, bodies, run } = setup({ batchadd: [answer(502, 'bad gateway'), OK] });
      const result = await run(
        client.batchAdd([{ username: 'a@example.com' }, { username: 'b@example.com' }], {
          settle: async () => ({ status: 'not_applied', resendData: [{ username: 'b@example.com' }] }),
        }),
      );
      expect(result).toMatchObject({ kind: 'ok' });
      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toMatchObject({
        cid: 1234567,
        cmd: 'batchadd',
        data: [{ username: 'b@example.com' }],
      });
    });

    it('reports the write error when read-back itself fails', async () => {
      const { client, run } = setup({ updateemail: ['hang'] });
      const readBack = async (): Promise<boolean> => {
        throw new Error('read-back broke');
      };
      await expect(
        run(client.updateEmail('a@example.com', 'b@example.com', { readBack })),
      ).rejects.toMatchObject({
        code: 'unavailable',
      });
    });

    it('always retries a 429, which LastPass never applied', async () => {
      const { client, commands, run } = setup({ batchadd: [answer(429, 'slow down'), OK] });
      await expect(run(client.batchAdd([{ username: 'a@example.com' }]))).resolves.toMatchObject({
        kind: 'ok',
      });
      expect(commands).toHaveLength(2);
    });

    it('retries a refused connection, which never reached LastPass', async () => {
      const { client, commands, run } = setup({ reinviteuser: [{ networkError: 'ECONNREFUSED' }, OK] });
      await expect(run(client.reinviteUser('a@example.com'))).resolves.toMatchObject({ kind: 'ok' });
      expect(commands).toHaveLength(2);
    });
  });

  describe('idempotent writes', () => {
    it('resends disableuser after a timeout without asking for read-back', async () => {
      const { client, run } = setup({
        disableuser: ['hang', answer(200, '{"status":"success","unchanged_users":["a@example.com"]}')],
      });
      await expect(run(client.disableUsers(['a@example.com']))).resolves.toMatchObject({
        body: { unchanged: ['a@example.com'] },
      });
    });

    it('reads not_found on a deluser resend after a timeout as applied', async () => {
      const { client, run } = setup({
        deluser: ['hang', answer(200, '{"status":"FAIL","error":"No such user: a@example.com"}')],
      });
      await expect(run(client.deleteUser('a@example.com', 2))).resolves.toMatchObject({
        kind: 'ok',
        info: [GONE_AFTER_AMBIGUOUS],
      });
    });

    it('reads not_found on deluser as not_found when no attempt was lost', async () => {
      const { client, run } = setup({
        deluser: [answer(200, '{"status":"FAIL","error":"No such user: a@example.com"}')],
      });
      await expect(run(client.deleteUser('a@example.com', 2))).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe('.limiterState', () => {
    it('adapts by default: no fixed rate until LastPass throttles, then one below what it accepted', async () => {
      const accepted = Array.from({ length: 30 }, () => answer(200, '[]'));
      const { client, clock, run } = setup(
        { getsfdata: [...accepted, answer(429, 'slow down', { 'retry-after': '1' }), answer(200, '[]')] },
        {},
        {},
      );
      for (let index = 0; index < 30; index++) await run(client.call('getsfdata'));
      expect(client.limiterState).toMatchObject({ rate: null, ceiling: null, throttled: 0 });
      await clock.advance(100);
      await run(client.call('getsfdata'));
      const state = client.limiterState;
      expect(state.throttled).toBe(1);
      expect(state.rate).toBeGreaterThan(0);
      expect(state.rate).toBeLessThan(30);
    });

    it("never goes above the host's requestsPerSecond", async () => {
      const { client } = setup({ getsfdata: [answer(200, '[]')] }, {}, { requestsPerSecond: 2 });
      expect(client.limiterState.ceiling).toBe(2);
    });
  });
});

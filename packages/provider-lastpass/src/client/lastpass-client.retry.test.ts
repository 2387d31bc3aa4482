import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GONE_AFTER_AMBIGUOUS, READ_BACK_CONFIRMED } from './call-with-retries.js';
import { parseLastPassClientConfig } from './client-config.js';
import { LastPassClient } from './lastpass-client.js';

const ORIGIN = 'https://lastpass.retry.test';
const PATH = '/enterpriseapi.php';
const XML = { 'content-type': 'text/xml;charset=UTF-8' };
const OK = '{"status":"OK"}';

function setup(retry: Record<string, unknown> = {}) {
  const config = parseLastPassClientConfig({
    cid: 1234567,
    provhash: 'b2'.repeat(32),
    baseUrl: `${ORIGIN}${PATH}`,
    timeoutMs: 40,
    limits: { requestsPerSecond: 10_000 },
    retry: { baseDelayMs: 100, jitter: 'none', ...retry },
  });
  const sleeps: number[] = [];
  const client = new LastPassClient(config, pino({ level: 'silent' }), {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { client, sleeps };
}

/** A request LastPass (maybe) received but never answered in time. */
function hang(cmd: string) {
  return nock(ORIGIN)
    .post(PATH, (body: { cmd?: string }) => body.cmd === cmd)
    .delay(2_000)
    .reply(200, OK, XML);
}

function answer(cmd: string, status: number, body: string, headers: Record<string, string> = XML) {
  return nock(ORIGIN)
    .post(PATH, (sent: { cmd?: string }) => sent.cmd === cmd)
    .reply(status, body, headers);
}

describe('LastPassClient (retries)', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });

  describe('.call', () => {
    it('retries a 429 after waiting what Retry-After asked', async () => {
      const { client, sleeps } = setup();
      answer('getuserdata', 429, 'Too Many Requests', { 'retry-after': '3' });
      const second = answer('getuserdata', 200, '{"Users":[]}');
      await expect(client.call('getuserdata')).resolves.toMatchObject({ kind: 'ok' });
      expect(second.isDone()).toBe(true);
      expect(sleeps).toEqual([3000]);
    });

    it('retries a 503 with capped exponential back-off', async () => {
      const { client, sleeps } = setup();
      answer('getsfdata', 503, 'busy');
      answer('getsfdata', 503, 'busy');
      answer('getsfdata', 200, '[]');
      await expect(client.call('getsfdata')).resolves.toMatchObject({ kind: 'ok' });
      expect(sleeps).toEqual([100, 200]);
    });

    it('gives up after maxAttempts with the last error', async () => {
      const { client, sleeps } = setup({ maxAttempts: 3 });
      for (let i = 0; i < 3; i++) answer('getuserdata', 503, 'busy');
      await expect(client.call('getuserdata')).rejects.toMatchObject({ code: 'unavailable' });
      expect(sleeps).toHaveLength(2);
    });

    it('does not retry codes outside retryOn', async () => {
      const { client } = setup({ retryOn: ['rate_limited'] });
      answer('getuserdata', 503, 'busy');
      const unused = answer('getuserdata', 200, '{"Users":[]}');
      await expect(client.call('getuserdata')).rejects.toMatchObject({ code: 'unavailable' });
      expect(unused.isDone()).toBe(false);
    });

    it('never retries a logical failure', async () => {
      const { client, sleeps } = setup();
      answer('deluser', 200, '{"status":"FAIL","error":"No such user: a@example.com"}');
      await expect(
        client.call('deluser', { username: 'a@example.com', deleteaction: 0 }),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(sleeps).toEqual([]);
    });
  });

  describe('non-idempotent writes', () => {
    it('does not resend batchadd after a timeout without read-back', async () => {
      const { client, sleeps } = setup();
      hang('batchadd');
      const resend = answer('batchadd', 200, OK);
      const error = await client.batchAdd([{ username: 'a@example.com' }]).catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'unavailable', details: { reason: 'timeout' } });
      expect(resend.isDone()).toBe(false);
      expect(sleeps).toEqual([]);
    });

    it('resends batchadd when read-back says the first send did not apply', async () => {
      const { client } = setup();
      hang('batchadd');
      const resend = answer('batchadd', 200, OK);
      const readBack = vi.fn(async () => false);
      const result = await client.batchAdd([{ username: 'a@example.com' }], { readBack });
      expect(result).toMatchObject({ kind: 'ok', info: [] });
      expect(readBack).toHaveBeenCalledTimes(1);
      expect(resend.isDone()).toBe(true);
    });

    it('skips the resend when read-back says the first send applied', async () => {
      const { client } = setup();
      answer('batchadd', 502, 'bad gateway');
      const resend = answer('batchadd', 200, OK);
      const result = await client.batchAdd([{ username: 'a@example.com' }], { readBack: async () => true });
      expect(result).toMatchObject({ kind: 'ok', info: [READ_BACK_CONFIRMED] });
      expect(resend.isDone()).toBe(false);
    });

    it('reports the write error when read-back itself fails', async () => {
      const { client } = setup();
      hang('updateemail');
      const readBack = async (): Promise<boolean> => {
        throw new Error('read-back broke');
      };
      await expect(client.updateEmail('a@example.com', 'b@example.com', { readBack })).rejects.toMatchObject({
        code: 'unavailable',
      });
    });

    it('always retries a 429, which LastPass never applied', async () => {
      const { client } = setup();
      answer('batchadd', 429, 'slow down');
      const resend = answer('batchadd', 200, OK);
      await expect(client.batchAdd([{ username: 'a@example.com' }])).resolves.toMatchObject({ kind: 'ok' });
      expect(resend.isDone()).toBe(true);
    });

    it('retries a refused connection, which never reached LastPass', async () => {
      const { client } = setup();
      nock(ORIGIN).post(PATH).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
      const resend = answer('reinviteuser', 200, OK);
      await expect(client.reinviteUser('a@example.com')).resolves.toMatchObject({ kind: 'ok' });
      expect(resend.isDone()).toBe(true);
    });
  });

  describe('idempotent writes', () => {
    it('resends disableuser after a timeout without asking for read-back', async () => {
      const { client } = setup();
      hang('disableuser');
      answer('disableuser', 200, '{"status":"success","unchanged_users":["a@example.com"]}');
      await expect(client.disableUsers(['a@example.com'])).resolves.toMatchObject({
        body: { unchanged: ['a@example.com'] },
      });
    });

    it('reads not_found on a deluser resend after a timeout as applied', async () => {
      const { client } = setup();
      hang('deluser');
      answer('deluser', 200, '{"status":"FAIL","error":"No such user: a@example.com"}');
      await expect(client.deleteUser('a@example.com', 2)).resolves.toMatchObject({
        kind: 'ok',
        info: [GONE_AFTER_AMBIGUOUS],
      });
    });
  });
});

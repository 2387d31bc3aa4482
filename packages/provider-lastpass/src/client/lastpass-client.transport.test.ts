import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseLastPassClientConfig } from './client-config.js';
import { LastPassClient } from './lastpass-client.js';

const ORIGIN = 'https://lastpass.transport.test';
const PATH = '/enterpriseapi.php';
const XML = { 'content-type': 'text/xml;charset=UTF-8' };

function makeClient(overrides: Record<string, unknown> = {}): LastPassClient {
  const config = parseLastPassClientConfig({
    cid: 1234567,
    provhash: 'c3'.repeat(32),
    baseUrl: `${ORIGIN}${PATH}`,
    limits: { requestsPerSecond: 10_000 },
    retry: { maxAttempts: 1 },
    ...overrides,
  });
  return new LastPassClient(config, pino({ level: 'silent' }));
}

describe('LastPassClient (transport and limits)', () => {
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
    it('never has more than maxConcurrent requests in flight', async () => {
      const client = makeClient({ limits: { maxConcurrent: 3, requestsPerSecond: 10_000 } });
      let inFlight = 0;
      let peak = 0;
      nock(ORIGIN)
        .post(PATH)
        .times(12)
        .reply(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight--;
          return [200, '{"status":"OK"}', XML];
        });
      const calls = Array.from({ length: 12 }, (_, i) =>
        client.call('reinviteuser', { username: `u${i}@x.com` }),
      );
      await Promise.all(calls);
      expect(peak).toBe(3);
    });

    it('does not share limits between two clients', async () => {
      const limits = { maxConcurrent: 1, requestsPerSecond: 10_000 };
      const first = makeClient({ limits });
      const second = makeClient({ limits });
      let inFlight = 0;
      let peak = 0;
      nock(ORIGIN)
        .post(PATH)
        .times(4)
        .reply(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight--;
          return [200, '{"status":"OK"}', XML];
        });
      await Promise.all([
        first.call('getsfdata'),
        second.call('getsfdata'),
        first.call('getsfdata'),
        second.call('getsfdata'),
      ]);
      expect(peak).toBe(2);
    });

    it('turns an answer slower than timeoutMs into unavailable (timeout)', async () => {
      nock(ORIGIN).post(PATH).delay(2_000).reply(200, '{"Users":[]}', XML);
      await expect(makeClient({ timeoutMs: 30 }).call('getuserdata')).rejects.toMatchObject({
        code: 'unavailable',
        retryable: true,
        details: { reason: 'timeout' },
      });
    });

    it('turns a dropped connection into unavailable (network)', async () => {
      nock(ORIGIN)
        .post(PATH)
        .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      await expect(makeClient().call('getuserdata')).rejects.toMatchObject({
        code: 'unavailable',
        details: { reason: 'network', errorCode: 'ECONNRESET' },
      });
    });

    it("ends with cancelled, the caller's reason as its cause, when the caller aborts", async () => {
      nock(ORIGIN).post(PATH).delay(2_000).reply(200, '{"Users":[]}', XML);
      const controller = new AbortController();
      const reason = new Error('caller stopped');
      const call = makeClient().call('getuserdata', undefined, { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 5);
      await expect(call).rejects.toMatchObject({ code: 'cancelled', cause: reason });
    });

    it('reports a redirect as provider_error instead of following it with the credentials', async () => {
      nock(ORIGIN).post(PATH).reply(307, '', { location: 'http://elsewhere.example/enterpriseapi.php' });
      await expect(makeClient().call('getuserdata')).rejects.toMatchObject({ code: 'provider_error' });
    });
  });

  describe('.batchAdd', () => {
    it('refuses a batch larger than batchSize before any I/O', async () => {
      const users = [{ username: 'a@example.com' }, { username: 'b@example.com' }];
      await expect(makeClient({ batchSize: 1 }).batchAdd(users)).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'users' }],
      });
    });

    it('names the failing field of an invalid user', async () => {
      await expect(makeClient().batchAdd([{ username: '' }])).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [{ path: 'users.0.username' }],
      });
    });
  });
});

import { inspect } from 'node:util';
import { findSecretLeaks } from '@provisionkit/core/testing';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseLastPassClientConfig } from './client-config.js';
import { LastPassClient } from './lastpass-client.js';

const ORIGIN = 'https://lastpass.logging.test';
const PATH = '/enterpriseapi.php';
const XML = { 'content-type': 'text/xml;charset=UTF-8' };
const CANARY = 'canary-provhash-0123456789abcdef';
const PASSWORD = 'canary-password-Xy9!';

function setup() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  const config = parseLastPassClientConfig({
    cid: 1234567,
    provhash: CANARY,
    baseUrl: `${ORIGIN}${PATH}`,
    // Short enough for the delayed answers below to time out, long enough for a loaded machine.
    timeoutMs: 400,
    limits: { requestsPerSecond: 10_000 },
    retry: { maxAttempts: 2 },
  });
  const client = new LastPassClient(config, logger, { sleep: async () => {} });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { client, lines, records };
}

function answer(status: number, body: string) {
  return nock(ORIGIN).post(PATH).reply(status, body, XML);
}

describe('LastPassClient (logging)', () => {
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
    it('writes exactly one line per exchange, saying retry before the resend', async () => {
      const { client, records } = setup();
      answer(503, 'busy');
      answer(200, '{"status":"OK"}');
      await client.call('getsfdata');
      const fields = records().map(({ cmd, status, attempt, outcome, errorCode }) => ({
        cmd,
        status,
        attempt,
        outcome,
        errorCode,
      }));
      expect(fields).toEqual([
        { cmd: 'getsfdata', status: 503, attempt: 1, outcome: 'retry', errorCode: 'unavailable' },
        { cmd: 'getsfdata', status: 200, attempt: 2, outcome: 'ok', errorCode: undefined },
      ]);
      expect(records().every((record) => typeof record.durationMs === 'number')).toBe(true);
    });

    it('labels a partial success warn and a failure error with its code', async () => {
      const { client, records } = setup();
      answer(200, '{"status":"WARN","errors":["x does not exist"]}');
      answer(200, '{"status":"FAIL","error":"No such user: x@example.com"}');
      await client.call('batchchangegrp', [{ username: 'x@example.com', add: ['Ops'] }]);
      await client.call('deluser', { username: 'x@example.com', deleteaction: 0 }).catch(() => undefined);
      expect(records().map(({ outcome, errorCode }) => ({ outcome, errorCode }))).toEqual([
        { outcome: 'warn', errorCode: undefined },
        { outcome: 'error', errorCode: 'not_found' },
      ]);
    });

    it('logs a timed-out exchange with a null HTTP status', async () => {
      const { client, records } = setup();
      nock(ORIGIN).post(PATH).delay(2_000).reply(200, '{"status":"OK"}', XML);
      await client.batchAdd([{ username: 'a@example.com' }]).catch(() => undefined);
      expect(records()).toMatchObject([
        { cmd: 'batchadd', status: null, outcome: 'error', errorCode: 'unavailable' },
      ]);
    });
  });

  describe('cancellation', () => {
    it('logs an exchange the caller aborted at info level as cancelled, not as an error', async () => {
      const { client, records } = setup();
      nock(ORIGIN).post(PATH).delay(1_000).reply(200, '{"status":"OK"}', XML);
      const controller = new AbortController();
      const pending = client.call('getsfdata', {}, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('caller gave up')), 5);
      await expect(pending).rejects.toThrow('caller gave up');
      expect(records()).toMatchObject([{ cmd: 'getsfdata', outcome: 'cancelled', level: 30 }]);
    });
  });

  describe('secrets', () => {
    it('never shows the provhash or a password in logs or errors (canary)', async () => {
      const { client, lines } = setup();
      const errors: unknown[] = [];
      const keep = (error: unknown) => {
        errors.push(error);
      };
      answer(200, '{"status":"OK"}');
      await client.batchAdd([{ username: 'a@example.com', password: PASSWORD }]);
      answer(200, `{"status":"FAIL","error":"No such user: b@example.com (${CANARY})"}`);
      await client.deleteUser('b@example.com', 1).catch(keep);
      answer(503, `<html>upstream said ${CANARY}</html>`);
      answer(200, `{"total":0,"count":0,"Users":[]}`);
      await client.getUserData();
      answer(200, `<html><pre>cid=1234567&provhash=${CANARY}&password=${PASSWORD}</pre></html>`);
      await client.call('getsfdata').catch(keep);
      answer(200, '<?xml version="1.0" encoding="UTF-8"?>\n<lastpass rc="Authorization Error"/>\n');
      await client.call('getuserdata').catch(keep);
      nock(ORIGIN)
        .post(PATH)
        .replyWithError({ code: 'ECONNRESET', message: `reset while sending ${CANARY}` });
      await client.batchAdd([{ username: 'c@example.com', password: PASSWORD }]).catch(keep);
      answer(200, `{"Users":{"1":{"fullname":"${PASSWORD}"}}}`);
      await client.getUserData().catch(keep);
      nock(ORIGIN).post(PATH).delay(2_000).reply(200, '{"status":"OK"}', XML);
      await client.resetPassword('d@example.com').catch(keep);

      expect(errors.map((error) => (error as { code?: string }).code)).toEqual([
        'not_found',
        'provider_error',
        'authentication',
        'unavailable',
        'provider_error',
        'unavailable',
      ]);
      expect(lines.length).toBeGreaterThanOrEqual(9);
      for (const line of lines) {
        expect(line).not.toContain(CANARY);
        expect(line).not.toContain(PASSWORD);
      }
      for (const error of errors) {
        expect(findSecretLeaks(error, [CANARY, PASSWORD])).toEqual([]);
        expect(inspect(error, { depth: 10 })).not.toContain(CANARY);
        expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
      }
      expect(inspect(client, { depth: 10 })).not.toContain(CANARY);
    });
  });
});

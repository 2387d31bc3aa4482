import { inspect } from 'node:util';
import { findSecretLeaks, VirtualClock } from '@provisionkit/core/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseLastPassClientConfig } from './client-config.js';
import { LastPassClient } from './lastpass-client.js';
import { scriptedLastPass, type WireScript } from './wire-test-helpers.js';

const XML = { 'content-type': 'text/xml;charset=UTF-8' };
const CANARY = 'canary-provhash-0123456789abcdef';
const PASSWORD = 'canary-password-Xy9!';

/**
 * A client on an in-process LastPass and a virtual clock: a timeout is 30 virtual seconds, so a
 * loaded machine cannot make an answer late, and no test waits.
 */
function setup(script: Record<string, readonly WireScript[]>) {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  const config = parseLastPassClientConfig({
    cid: 1234567,
    provhash: CANARY,
    baseUrl: 'https://lastpass.logging.test/enterpriseapi.php',
    timeoutMs: 30_000,
    limits: { requestsPerSecond: 10_000 },
    retry: { maxAttempts: 2 },
  });
  const clock = new VirtualClock();
  const { sender } = scriptedLastPass(script);
  const client = new LastPassClient(config, logger, { sender, clock });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { client, lines, records, clock, run: <T>(pending: Promise<T>) => clock.finish(pending) };
}

const answer = (status: number, body: string): WireScript => ({ status, body, headers: XML });

describe('LastPassClient (logging)', () => {
  describe('.call', () => {
    it('writes exactly one line per exchange, named by its command, saying retry before the resend', async () => {
      const { client, records, run } = setup({
        getsfdata: [answer(503, 'busy'), answer(200, '{"status":"OK"}')],
      });
      await run(client.call('getsfdata'));
      const fields = records().map(({ operation, status, attempt, outcome, errorCode }) => ({
        operation,
        status,
        attempt,
        outcome,
        errorCode,
      }));
      expect(fields).toEqual([
        { operation: 'getsfdata', status: 503, attempt: 1, outcome: 'retry', errorCode: 'unavailable' },
        { operation: 'getsfdata', status: 200, attempt: 2, outcome: 'ok', errorCode: undefined },
      ]);
      expect(records().every((record) => typeof record.durationMs === 'number')).toBe(true);
    });

    it('labels a partial success ok (it is returned) and a failure failed with its code', async () => {
      const { client, records, run } = setup({
        batchchangegrp: [answer(200, '{"status":"WARN","errors":["x does not exist"]}')],
        deluser: [answer(200, '{"status":"FAIL","error":"No such user: x@example.com"}')],
      });
      await run(client.call('batchchangegrp', [{ username: 'x@example.com', add: ['Ops'] }]));
      await run(client.call('deluser', { username: 'x@example.com', deleteaction: 0 })).catch(
        () => undefined,
      );
      expect(records().map(({ outcome, errorCode }) => ({ outcome, errorCode }))).toEqual([
        { outcome: 'ok', errorCode: undefined },
        { outcome: 'failed', errorCode: 'not_found' },
      ]);
    });

    it('logs a timed-out exchange with a null HTTP status', async () => {
      const { client, records, run, clock } = setup({ batchadd: ['hang'] });
      await run(client.batchAdd([{ username: 'a@example.com' }])).catch(() => undefined);
      expect(records()).toMatchObject([
        {
          operation: 'batchadd',
          status: null,
          outcome: 'failed',
          errorCode: 'unavailable',
          reason: 'timeout',
        },
      ]);
      expect(clock.now()).toBe(30_000);
    });
  });

  describe('cancellation', () => {
    it('logs an exchange the caller aborted at info level as cancelled, not as an error', async () => {
      const { client, records, clock } = setup({ getsfdata: ['hang'] });
      const controller = new AbortController();
      const pending = client.call('getsfdata', {}, { signal: controller.signal });
      await clock.advance(5);
      controller.abort(new Error('caller gave up'));
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      expect(records()).toMatchObject([{ operation: 'getsfdata', outcome: 'cancelled', level: 30 }]);
    });
  });

  describe('secrets', () => {
    it('never shows the provhash or a password in logs or errors (canary)', async () => {
      const { client, lines, run } = setup({
        batchadd: [
          answer(200, '{"status":"OK"}'),
          { networkError: 'ECONNRESET', message: `reset while sending ${CANARY}` },
        ],
        deluser: [answer(200, `{"status":"FAIL","error":"No such user: b@example.com (${CANARY})"}`)],
        getuserdata: [
          answer(503, `<html>upstream said ${CANARY}</html>`),
          answer(200, `{"total":0,"count":0,"Users":[]}`),
          answer(200, '<?xml version="1.0" encoding="UTF-8"?>\n<lastpass rc="Authorization Error"/>\n'),
          answer(200, `{"Users":{"1":{"fullname":"${PASSWORD}"}}}`),
        ],
        getsfdata: [
          answer(200, `<html><pre>cid=1234567&provhash=${CANARY}&password=${PASSWORD}</pre></html>`),
        ],
        resetpassword: ['hang'],
      });
      const errors: unknown[] = [];
      const keep = (error: unknown) => {
        errors.push(error);
      };
      await run(client.batchAdd([{ username: 'a@example.com', password: PASSWORD }]));
      await run(client.deleteUser('b@example.com', 1)).catch(keep);
      await run(client.getUserData());
      await run(client.call('getsfdata')).catch(keep);
      await run(client.call('getuserdata')).catch(keep);
      await run(client.batchAdd([{ username: 'c@example.com', password: PASSWORD }])).catch(keep);
      await run(client.getUserData()).catch(keep);
      await run(client.resetPassword('d@example.com')).catch(keep);

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

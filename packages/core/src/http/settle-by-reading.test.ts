import { describe, expect, it } from 'vitest';
import { NotFoundError, UnavailableError } from '../errors/error-classes.js';
import { VirtualClock } from '../testing/virtual-clock.js';
import { HttpClient } from './http-client.js';
import { type ScriptedAnswer, scriptedSender } from './scripted-sender-test-helpers.js';
import { settleByReading } from './settle-by-reading.js';

/** A client whose sender plays `answers`, and a lookup of the created user that sends through it. */
function clientFor(answers: readonly ScriptedAnswer[]) {
  const { sender, sent } = scriptedSender(answers);
  const clock = new VirtualClock();
  const client = new HttpClient({ provider: 'acme', baseUrl: 'https://api.acme.test', sender, clock });
  const create = (signal?: AbortSignal) =>
    clock.finish(
      client.request({
        method: 'POST',
        path: '/users',
        json: { login: 'mia' },
        signal,
        settle: settleByReading((readSignal) =>
          client.request({ method: 'GET', path: '/users/by-login/mia', signal: readSignal }),
        ),
      }),
    );
  return { create, sent };
}

describe('settleByReading', () => {
  it('ends a create whose answer was lost with what the read found, sending it once', async () => {
    const { create, sent } = clientFor([{ networkError: 'ECONNRESET' }, { status: 200, body: '{"id":"7"}' }]);
    await expect(create()).resolves.toEqual({ id: '7' });
    expect(sent.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it('sends the create again when the read answers not_found', async () => {
    const { create, sent } = clientFor([
      { networkError: 'ECONNRESET' },
      { status: 404 },
      { status: 201, body: '{"id":"8"}' },
    ]);
    await expect(create()).resolves.toEqual({ id: '8' });
    expect(sent.map((request) => request.method)).toEqual(['POST', 'GET', 'POST']);
  });

  it('leaves the outcome unknown when the read fails otherwise', async () => {
    const { create, sent } = clientFor([{ networkError: 'ECONNRESET' }, { status: 403 }]);
    const error = await create().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'unavailable', details: { writeOutcome: 'unknown' } });
    expect(sent.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it("hands the read the request's signal", async () => {
    const seen: Array<AbortSignal | undefined> = [];
    const settle = settleByReading(async (signal) => {
      seen.push(signal);
      throw new NotFoundError('no such user');
    });
    const signal = new AbortController().signal;
    const error = new UnavailableError('reset');
    await expect(settle({ attempt: 1, error, signal })).resolves.toEqual({ status: 'not_applied' });
    expect(seen).toEqual([signal]);
  });

  it('refuses a read that is not a function with invalid_input', () => {
    expect(() => settleByReading('GET /users' as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

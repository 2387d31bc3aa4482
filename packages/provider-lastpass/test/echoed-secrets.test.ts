import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { createLogger, ProvisioningError, silentLogger } from '@provisionkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastPassApi, LastPassClient, parseLastPassClientConfig } from '../src/index.js';
import { type LastPassSimulator, type SimulatorFault, startLastPassSimulator } from '../src/testing/index.js';
import { unique } from './support/batch-behaviour.js';
import { connectTo, testConfig } from './support/connect.js';

const hex = (chars: number) => randomBytes(chars).toString('hex').slice(0, chars);
// Two kinds of hash: the usual 64 hex characters, and one with the characters URL encoding changes.
const HEX_PROVHASH = hex(64);
const SYMBOL_PROVHASH = `Canary+Hash/${hex(20)}=Sym&bols+${hex(20)}`;
const PASSWORD = `Canary pass/word+${hex(12)}`;

type Echo = Extract<SimulatorFault, { kind: 'echo' }>;
const ECHOES: readonly Echo[] = [
  { kind: 'echo', as: 'fail' },
  { kind: 'echo', as: 'fail', encoding: 'form' },
  { kind: 'echo', as: 'warn' },
  { kind: 'echo', as: 'warn', encoding: 'form' },
  { kind: 'echo', as: 'http' },
  { kind: 'echo', as: 'http', encoding: 'form' },
  // Servers that quote only the start of what they got: the hash cut anywhere.
  ...[40, 60, 80, 100, 130].map((maxChars): Echo => ({ kind: 'echo', as: 'http', maxChars })),
  ...[40, 60, 80, 100, 130].map((maxChars): Echo => ({ kind: 'echo', as: 'fail', maxChars })),
];

/**
 * Every surface a host can read or log: message, details, `String()`, JSON, `inspect`. A secret
 * leaks when any run of a quarter of it (16 characters of a 64-character hash), or of 12
 * characters for shorter ones, appears there, as sent or URL-encoded.
 */
function leaks(value: unknown, secrets: readonly string[]): string[] {
  const surfaces =
    value instanceof Error
      ? [
          value.message,
          String(value),
          JSON.stringify(value),
          inspect(value, { depth: 8 }),
          inspect((value as ProvisioningError).details, { depth: 8 }),
        ]
      : [JSON.stringify(value), inspect(value, { depth: 8 })];
  const found: string[] = [];
  for (const secret of secrets) {
    const window = Math.max(8, Math.min(16, Math.ceil(secret.length / 4)));
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      for (let at = 0; at + window <= form.length; at++) {
        const part = form.slice(at, at + window);
        if (surfaces.some((surface) => surface.includes(part)))
          found.push(`${secret.slice(0, 6)}… (${part.length} chars at ${at})`);
      }
    }
  }
  return [...new Set(found)];
}

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    return error;
  }
}

for (const provhash of [HEX_PROVHASH, SYMBOL_PROVHASH]) {
  const label = provhash === HEX_PROVHASH ? 'a 64-hex provhash' : 'a provhash with + / = &';
  describe(`secrets echoed by a hostile LastPass (${label})`, () => {
    let simulator: LastPassSimulator;
    const lines: string[] = [];
    beforeAll(async () => {
      simulator = await startLastPassSimulator({ provhash, seed: { users: 3, random: 4 } });
    });
    afterAll(() => simulator.close());

    const rawClient = () => {
      const { timeZone: _zone, ...settings } = testConfig(simulator, { retry: { maxAttempts: 1 } });
      const logger = createLogger({
        level: 'trace',
        destination: { write: (line: string) => lines.push(line) },
      });
      return new LastPassClient(parseLastPassClientConfig(settings), logger);
    };

    for (const echo of ECHOES) {
      const name = `${echo.as}${echo.encoding === 'form' ? ', URL-encoded' : ''}${echo.maxChars === undefined ? '' : `, cut at ${echo.maxChars}`}`;

      it(`keeps them out of a raw client's errors and warnings (${name})`, async () => {
        const client = rawClient();
        const outcomes: unknown[] = [];
        simulator.faults.next(1, echo);
        outcomes.push(await caught(() => client.getUserData()));
        simulator.faults.next(1, echo);
        outcomes.push(
          await caught(() => client.batchAdd([{ username: unique('echo'), password: PASSWORD }])),
        );
        simulator.faults.next(1, echo);
        outcomes.push(
          await caught(() => client.call('updateuser', { username: 'a@example.com', password: PASSWORD })),
        );
        for (const outcome of outcomes) expect(leaks(outcome, [provhash, PASSWORD])).toEqual([]);
        expect(lines.filter((line) => leaks(line, [provhash, PASSWORD]).length > 0)).toEqual([]);
      });

      it(`keeps them out of LastPassApi.call and directory errors (${name})`, async () => {
        const { connection } = await connectTo(
          simulator,
          { provhash, retry: { maxAttempts: 1 } },
          silentLogger(),
        );
        const api = connection.get<LastPassApi>(LastPassApi);
        const outcomes: unknown[] = [];
        simulator.faults.next(1, echo);
        outcomes.push(
          await caught(() => api.call('reinviteuser', { username: 'a@example.com', password: PASSWORD })),
        );
        simulator.faults.next(1, echo, { cmd: 'batchadd' });
        outcomes.push(
          await caught(() =>
            connection.directory.createUsers([{ userName: unique('echo'), password: PASSWORD }]),
          ),
        );
        for (const outcome of outcomes) expect(leaks(outcome, [provhash, PASSWORD])).toEqual([]);
      });
    }
  });
}

import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import {
  type BatchResult,
  type Connection,
  createLogger,
  createProvisionKit,
  ProvisioningError,
  type ProvisionKit,
} from '@provisionkit/core';
import { collectAll, findSecretLeaks } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastPassApi, LastPassConnectionClient, lastpassProvider } from '../src/index.js';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { testConfig } from './support/connect.js';

const hex = (chars: number) => randomBytes(chars).toString('hex').slice(0, chars);
const PROVHASH = `canary-${hex(58)}`;
const WRONG_PROVHASH = `canary-${hex(58)}`;
const PASSWORDS = Array.from({ length: 6 }, () => `canary-password-${hex(16)}`);
const CANARIES = [PROVHASH, WRONG_PROVHASH, ...PASSWORDS];
const [P1, P2, P3, P4, P5, P6] = PASSWORDS as [string, string, string, string, string, string];

let simulator: LastPassSimulator;
const lines: string[] = [];
const errors: unknown[] = [];
const events: unknown[] = [];
let kit: ProvisionKit;

beforeAll(async () => {
  simulator = await startLastPassSimulator({ provhash: PROVHASH, seed: { users: 12, random: 3 } });
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  kit = createProvisionKit({
    plugins: [lastpassProvider],
    logger,
    onOperation: (event) => events.push(event),
  });
});
afterAll(async () => {
  await kit.close();
  await simulator.close();
});

/** Runs `work`, keeping whatever it throws for the leak checks. */
async function attempt(work: () => Promise<unknown>): Promise<void> {
  try {
    const result = await work();
    for (const item of (result as Partial<BatchResult> | undefined)?.items ?? []) {
      if (!item.ok) errors.push(item.error);
    }
  } catch (error) {
    errors.push(error);
  }
}

const connect = (overrides: Record<string, unknown> = {}, tenant = 'canary') =>
  kit.connect({
    provider: 'lastpass',
    tenant,
    config: { ...testConfig(simulator), provhash: PROVHASH, ...overrides },
  });

async function representativeTraffic(connection: Connection): Promise<void> {
  const d = connection.directory;
  const api = connection.get<LastPassApi>(LastPassApi);
  const faults = simulator.faults;
  const name = (label: string) => `${label}-${hex(6)}@example.com`;

  const first = await d.createUser({ userName: name('first'), password: P1, displayName: 'First User' });
  await attempt(() =>
    d.createUsers([
      { userName: name('batch'), password: P2 },
      { userName: first.userName.toUpperCase(), password: P3 },
      { userName: name('admin'), password: P4, isAdmin: true },
      { userName: 'not-an-email', password: P5 },
      { userName: name('bad'), email: 'not-an-email', password: P6 },
    ]),
  );
  await attempt(() => d.createUser({ userName: first.userName, password: P1 }));
  await attempt(() => d.createUser({ userName: name('x'), password: P2, secret: PROVHASH } as never));
  await attempt(() => collectAll(d.listUsers({ pageSize: 4 })));
  await attempt(() => d.getUser({ id: first.id }));
  await attempt(() => d.updateUser({ id: first.id }, { displayName: 'Renamed', userName: name('renamed') }));
  await attempt(() => d.updateUser({ id: first.id }, { password: P3 } as never));
  await attempt(() => d.addToGroups({ id: first.id }, ['Canary Group']));
  await attempt(() => d.removeFromGroups({ id: first.id }, ['Canary Group']));
  await attempt(() => d.suspendUser({ id: first.id }));
  await attempt(() => d.reactivateUser({ id: first.id }));
  await attempt(() => d.cancelInvitation({ userName: name('nobody') }));
  await attempt(() => d.listGroups());
  await attempt(() => d.verifyCredentials());

  faults.next(1, { kind: 'auth' }, { cmd: 'getuserdata' });
  await attempt(() => collectAll(d.listUsers()));
  faults.next(4, { kind: 'status', status: 503 }, { cmd: 'getuserdata' });
  await attempt(() => d.getUser({ userName: first.userName }));
  faults.next(1, { kind: 'status', status: 429, retryAfterSeconds: 1 }, { cmd: 'getuserdata' });
  await attempt(() => collectAll(d.listUsers()));
  faults.next(1, { kind: 'drop', applyWrite: true }, { cmd: 'batchadd' });
  await attempt(() => d.createUsers([{ userName: name('dropped'), password: P4 }]));
  // As many lost answers as the retry policy has attempts: the item ends up unavailable.
  faults.next(4, { kind: 'drop', applyWrite: false }, { cmd: 'batchadd' });
  await attempt(() => d.createUsers([{ userName: name('lost'), password: P5 }]));
  faults.clear();
  faults.next(1, { kind: 'malformed' }, { cmd: 'updateuser' });
  await attempt(() => d.updateUser({ id: first.id }, { displayName: 'Broken' }));
  faults.next(1, { kind: 'auth' }, { cmd: 'batchadd' });
  await attempt(() => d.createUsers([{ userName: name('refused'), password: P6 }]));

  await attempt(() => api.call('pushpasswords', { provhash: PROVHASH, password: P1 }));
  await attempt(() => api.reporting({ from: PROVHASH, to: P1 }));
  await attempt(() => api.resetPassword({ userName: name('nobody') }));
  await attempt(() => d.removeUser({ id: first.id }));
  await attempt(() => d.purgeUser({ id: first.id }));
}

describe('secrets in the LastPass provider', () => {
  it('never show the provhash or a password in logs, errors or echoes of the connection', async () => {
    const connection = await connect();
    await representativeTraffic(connection);

    const wrong = await connect({ provhash: WRONG_PROVHASH }, 'canary-wrong');
    await attempt(() => wrong.directory.getUser({ userName: 'someone@example.com' }));
    await attempt(() => wrong.directory.createUsers([{ userName: 'someone@example.com', password: P1 }]));
    expect((await wrong.directory.verifyCredentials()).status).toBe('invalid');

    for (const config of [
      { timeZone: PROVHASH },
      { cid: PROVHASH },
      { baseUrl: `http://remote.example.com/${PROVHASH}` },
      { retry: { maxAttempts: PROVHASH } },
      { extra: PROVHASH },
    ]) {
      await attempt(() => connect(config, 'canary-bad-config'));
    }

    expect(errors.length).toBeGreaterThanOrEqual(20);
    for (const error of errors) {
      expect(ProvisioningError.is(error), inspect(error)).toBe(true);
      expect(findSecretLeaks(error, CANARIES), (error as Error).message).toEqual([]);
      expect(CANARIES.some((canary) => String((error as Error).stack).includes(canary))).toBe(false);
    }

    expect(lines.length).toBeGreaterThan(50);
    const leakingLines = lines.filter((line) => CANARIES.some((canary) => line.includes(canary)));
    expect(leakingLines).toEqual([]);

    // Every operation event (what hosts forward to metrics and audit trails) and every event the
    // simulated LastPass account recorded for its `reporting` command.
    expect(events.length).toBeGreaterThan(20);
    const leakingEvents = events.filter((event) => findSecretLeaks(event, CANARIES).length > 0);
    expect(leakingEvents).toEqual([]);
    const recorded = JSON.stringify(simulator.state.events);
    expect(CANARIES.filter((canary) => recorded.includes(canary))).toEqual([]);

    const echoes = [
      inspect(connection, { depth: 8 }),
      inspect(connection.directory, { depth: 8 }),
      inspect(connection.get(LastPassConnectionClient), { depth: 8 }),
      inspect(connection.get(LastPassApi), { depth: 8 }),
      JSON.stringify(connection.context),
      JSON.stringify(connection.directory.capabilities),
      inspect(kit, { depth: 4 }),
    ];
    for (const echo of echoes) expect(CANARIES.some((canary) => echo.includes(canary))).toBe(false);
  });
});

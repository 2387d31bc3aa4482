import { silentLogger } from '@provisionkit/core';
import { collectAll, expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LastPassClient, parseLastPassClientConfig } from '../src/index.js';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { codes, unique } from './support/batch-behaviour.js';
import { connectTo, testConfig } from './support/connect.js';

const LIMIT = 1024 * 1024;
let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator({ seed: { users: 20, random: 12 } });
});
afterAll(() => simulator.close());
afterEach(() => simulator.faults.clear());

function client(maxResponseBytes = LIMIT): LastPassClient {
  const { timeZone: _zone, ...settings } = testConfig(simulator, { maxResponseBytes });
  return new LastPassClient(parseLastPassClientConfig(settings), silentLogger());
}

describe('LastPassClient response size limit (maxResponseBytes)', () => {
  it('aborts an endless body at the limit and fails typed, long before the timeout', async () => {
    simulator.faults.next(1, { kind: 'endless' }, { cmd: 'getuserdata' });
    const error = await expectProvisioningError(client().getUserData(), 'provider_error');
    expect(error.details).toMatchObject({ reason: 'response_too_large', limitBytes: LIMIT });
    // The simulator stops writing once the client hangs up.
    await vi.waitFor(() => expect(simulator.requests.at(-1)).toMatchObject({ fault: 'endless' }));
    expect(simulator.requests.at(-1)?.bytes).toBeLessThan(64 * LIMIT);
  });

  it('refuses a huge body, streamed or with its length declared, and reads one under the limit', async () => {
    simulator.faults.next(1, { kind: 'huge', bytes: 5 * LIMIT }, { cmd: 'getuserdata' });
    simulator.faults.next(1, { kind: 'huge', bytes: 5 * LIMIT, declareLength: true }, { cmd: 'getuserdata' });
    simulator.faults.next(1, { kind: 'huge', bytes: LIMIT }, { cmd: 'getuserdata' });
    await expectProvisioningError(client().getUserData(), 'provider_error');
    await expectProvisioningError(client().getUserData(), 'provider_error');
    expect((await client().getUserData()).body.users).toHaveLength(20);
  });

  it('defaults to 32 MiB, well above the largest page', () => {
    const { timeZone: _zone, ...settings } = testConfig(simulator);
    expect(parseLastPassClientConfig(settings).maxResponseBytes).toBe(32 * 1024 * 1024);
  });
});

describe('LastPassUserDirectory with oversized answers', () => {
  it('fails a listing whose page is too large instead of ending it', async () => {
    const { connection } = await connectTo(simulator, { maxResponseBytes: LIMIT, pageSize: 5 });
    simulator.faults.next(1, { kind: 'slow', delayMs: 0 }, { cmd: 'getuserdata' });
    simulator.faults.next(1, { kind: 'endless' }, { cmd: 'getuserdata' });
    await expectProvisioningError(collectAll(connection.directory.listUsers()), 'provider_error');
  });

  it('decides a batchadd whose answer was too large to read by reading back', async () => {
    const { connection } = await connectTo(simulator, { maxResponseBytes: LIMIT });
    simulator.faults.next(1, { kind: 'huge', bytes: 2 * LIMIT }, { cmd: 'batchadd' });
    const userName = unique('huge');
    const result = await connection.directory.createUsers([{ userName }]);
    expect(codes(result.items)).toEqual(['ok']);
    expect(simulator.state.getUserByName(userName)).toBeDefined();
  });
});

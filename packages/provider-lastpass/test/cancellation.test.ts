import { setTimeout as sleep } from 'node:timers/promises';
import { expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LastPassApi } from '../src/index.js';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { codes, unique } from './support/batch-behaviour.js';
import { connectTo } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator({ seed: { users: 40, random: 31 } });
});
afterAll(() => simulator.close());
afterEach(() => simulator.faults.clear());

// Back-offs and rate waits far longer than any test: only an abort can end them in time.
const PATIENT = { retry: { baseDelayMs: 600_000, maxDelayMs: 600_000, jitter: 'none' as const } };

/** Requests that reached the simulator after `instant` (it logs a request's arrival time). */
const arrivedAfter = (instant: number) => simulator.requests.filter((request) => request.at > instant);

/** Waits long enough for anything still queued to reach the simulator, then lists what did. */
async function sentAfter(instant: number) {
  await sleep(300);
  return arrivedAfter(instant).map((request) => request.cmd);
}

describe('LastPassUserDirectory cancellation', () => {
  it('ends a listing with cancelled when the page in flight is aborted, and sends nothing more', async () => {
    const { connection } = await connectTo(simulator, { pageSize: 5 });
    simulator.faults.always({ kind: 'slow', delayMs: 200 }, { cmd: 'getuserdata' });
    const controller = new AbortController();
    const listing = connection.directory.listUsers({ signal: controller.signal })[Symbol.asyncIterator]();
    const pending = listing.next();
    await sleep(50);
    controller.abort();
    const abortedAt = Date.now();
    await expectProvisioningError(pending, 'cancelled');
    expect(await sentAfter(abortedAt)).toEqual([]);
  });

  it('stops a listing when the kit closes: cancelled, nothing asked for after', async () => {
    const { kit, connection } = await connectTo(simulator, { pageSize: 1, maxListedUsers: 100_000_000 });
    simulator.faults.always({ kind: 'slow', delayMs: 20 }, { cmd: 'getuserdata' });
    const from = Date.now();
    const listing = connection.directory.listUsers()[Symbol.asyncIterator]();
    expect((await listing.next()).done).toBe(false);
    const pending = listing.next();
    await kit.close();
    await expectProvisioningError(pending, 'cancelled');
    // The first page and the two asked for ahead of it were on their way before the close, and may
    // still reach the server (this one runs in the same process); a listing that went on would ask
    // for all 41 pages.
    expect((await sentAfter(from)).length).toBeLessThanOrEqual(3);
  });

  it('ends a back-off sleep at once on abort, with cancelled, without the resend', async () => {
    const { connection } = await connectTo(simulator, PATIENT);
    simulator.faults.always({ kind: 'status', status: 503 }, { cmd: 'getuserdata' });
    const controller = new AbortController();
    const pending = connection.directory.getUser(
      { userName: unique('sleeper') },
      { signal: controller.signal },
    );
    await vi.waitFor(() => expect(simulator.requests.at(-1)?.status).toBe(503));
    controller.abort();
    const abortedAt = Date.now();
    await expectProvisioningError(pending, 'cancelled');
    expect(await sentAfter(abortedAt)).toEqual([]);
  });

  it('ends a wait for the rate limit at once on abort, sending nothing', async () => {
    const { connection } = await connectTo(simulator, {
      limits: { maxConcurrent: 1, requestsPerSecond: 0.01 },
    });
    const api = connection.get<LastPassApi>(LastPassApi);
    await api.getSharedFolders();
    const controller = new AbortController();
    const from = Date.now();
    const pending = connection.directory.verifyCredentials({ signal: controller.signal });
    await sleep(50);
    controller.abort();
    await expectProvisioningError(pending, 'cancelled');
    expect(await sentAfter(from)).toEqual([]);
  });

  it('reports the items of a batchadd in flight as cancelled and reads nothing back after the abort', async () => {
    const { connection } = await connectTo(simulator);
    simulator.faults.next(1, { kind: 'slow', delayMs: 300 }, { cmd: 'batchadd' });
    const controller = new AbortController();
    const batch = [{ userName: unique('inflight') }, { userName: unique('inflight') }];
    const pending = connection.directory.createUsers(batch, { signal: controller.signal });
    await sleep(100);
    controller.abort();
    const abortedAt = Date.now();
    expect(codes((await pending).items)).toEqual(['cancelled', 'cancelled']);
    expect(await sentAfter(abortedAt)).toEqual([]);
  });

  it('does not resend a lost batchadd once aborted during its back-off', async () => {
    const { connection } = await connectTo(simulator, { ...PATIENT, timeoutMs: 200 });
    simulator.faults.next(1, { kind: 'drop' }, { cmd: 'batchadd' });
    const controller = new AbortController();
    const pending = connection.directory.createUsers([{ userName: unique('backoff') }], {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(simulator.requests.at(-1)?.fault).toBe('drop'));
    controller.abort();
    const abortedAt = Date.now();
    expect(codes((await pending).items)).toEqual(['cancelled']);
    expect(await sentAfter(abortedAt)).toEqual([]);
  });

  it('stops LastPassApi calls on their signal with cancelled, the reason as its cause', async () => {
    const { connection } = await connectTo(simulator);
    const api = connection.get<LastPassApi>(LastPassApi);
    simulator.faults.next(1, { kind: 'slow', delayMs: 300 }, { cmd: 'getsfdata' });
    const controller = new AbortController();
    const pending = api.getSharedFolders({ signal: controller.signal });
    await sleep(50);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', cause: reason });
  });
});

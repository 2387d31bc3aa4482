import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type LastPassSimulator,
  type SimulatorFault,
  type SimulatorQuirks,
  startLastPassSimulator,
} from '../../src/testing/index.js';
import { codes, unique } from './batch-behaviour.js';
import { commandsSince, connectTo } from './connect.js';

// The client gives up on an answer after this long; `slow` faults answer later. The timeout also
// bounds the read-backs that settle a lost write, so it leaves room for a loaded machine.
const TIMEOUT_MS = 600;
const LATE_MS = 1_400;

const LOST_ANSWERS: readonly {
  readonly label: string;
  readonly fault: SimulatorFault;
  readonly applied: boolean;
}[] = [
  { label: 'a dropped connection after the write', fault: { kind: 'drop', applyWrite: true }, applied: true },
  {
    label: 'a dropped connection before the write',
    fault: { kind: 'drop', applyWrite: false },
    applied: false,
  },
  {
    label: 'a timeout after the write',
    fault: { kind: 'slow', delayMs: LATE_MS, applyWrite: true },
    applied: true,
  },
  {
    label: 'a timeout without the write',
    fault: { kind: 'slow', delayMs: LATE_MS, applyWrite: false },
    applied: false,
  },
  { label: 'a 503 (not applied)', fault: { kind: 'status', status: 503 }, applied: false },
];

/**
 * A `batchadd` whose answer is lost may or may not have created its users. The directory must
 * neither lose them (report a failure for a user that exists, or never create it) nor write them
 * twice (a blind resend answers "already exists", or silently updates on upserting accounts).
 */
export function describeAmbiguousWrites(mode: SimulatorQuirks['batchaddExisting']): void {
  let simulator: LastPassSimulator;
  beforeAll(async () => {
    simulator = await startLastPassSimulator({
      seed: { users: 12, random: 4 },
      quirks: { batchaddExisting: mode },
    });
  });
  afterAll(() => simulator.close());
  afterEach(() => simulator.faults.clear());

  // The simulator logs a request when it answers, so a late answer must have gone out before counting.
  const answered = async (fault: SimulatorFault) => {
    if (fault.kind === 'slow') await sleep(fault.delayMs);
  };
  const batchadds = (from: number) =>
    commandsSince(simulator, from).filter((cmd) => cmd === 'batchadd').length;
  const upserts = (names: readonly string[]) =>
    simulator.state.events.filter(
      (event) => event.action.includes('updated') && names.some((n) => event.data.includes(n)),
    ).length;

  describe(`LastPassUserDirectory.createUsers after a lost batchadd answer (batchadd ${mode})`, () => {
    for (const { label, fault, applied } of LOST_ANSWERS) {
      it(`creates a single user exactly once after ${label}`, async () => {
        const { connection } = await connectTo(simulator, { timeoutMs: TIMEOUT_MS });
        simulator.faults.next(1, fault, { cmd: 'batchadd' });
        const userName = unique('lost');
        const from = simulator.requests.length;
        const user = await connection.directory.createUser({ userName });
        expect(simulator.state.getUserById(user.id)?.username).toBe(userName);
        await answered(fault);
        expect(batchadds(from)).toBe(applied ? 1 : 2);
        expect(upserts([userName])).toBe(0);
      });

      it(`resends only the chunk's missing users after ${label} on a later chunk`, async () => {
        const { connection } = await connectTo(simulator, { timeoutMs: TIMEOUT_MS, batchSize: 5 });
        const batch = Array.from({ length: 15 }, () => ({ userName: unique('chunked') }));
        simulator.faults.next(1, { kind: 'slow', delayMs: 0 }, { cmd: 'batchadd' });
        simulator.faults.next(1, fault, { cmd: 'batchadd' });
        const from = simulator.requests.length;
        const result = await connection.directory.createUsers(batch);
        expect(codes(result.items)).toEqual(Array(15).fill('ok'));
        for (const item of batch) expect(simulator.state.getUserByName(item.userName)).toBeDefined();
        await answered(fault);
        expect(batchadds(from)).toBe(applied ? 3 : 4);
        expect(upserts(batch.map((item) => item.userName))).toBe(0);
      });
    }

    it('reports users created when a held batchadd lands together with its resend', async () => {
      const { connection } = await connectTo(simulator, { timeoutMs: TIMEOUT_MS });
      simulator.faults.next(1, { kind: 'hold' }, { cmd: 'batchadd' });
      const batch = [{ userName: unique('held') }, { userName: unique('held') }];
      const result = await connection.directory.createUsers(batch);
      expect(codes(result.items)).toEqual(['ok', 'ok']);
      for (const [index, item] of result.items.entries()) {
        const stored = simulator.state.getUserByName(batch[index]!.userName);
        expect(item.ok && item.user.id).toBe(stored?.id);
      }
    });

    it('reports a user of a held chunk created even when the resend fails as a whole', async () => {
      const { connection } = await connectTo(simulator, { timeoutMs: TIMEOUT_MS });
      simulator.faults.next(1, { kind: 'hold' }, { cmd: 'batchadd' });
      // The held write lands just before this answer, which refuses the resend itself.
      simulator.faults.next(1, { kind: 'auth' }, { cmd: 'batchadd' });
      const userName = unique('held-refused');
      const result = await connection.directory.createUsers([{ userName }]);
      expect(codes(result.items)).toEqual(['ok']);
      expect(simulator.state.getUserByName(userName)).toBeDefined();
    });

    it('reports unavailable, and creates nothing, when every resend is lost too', async () => {
      const { connection } = await connectTo(simulator, { timeoutMs: TIMEOUT_MS });
      simulator.faults.next(10, { kind: 'drop', applyWrite: false }, { cmd: 'batchadd' });
      const userName = unique('never');
      const result = await connection.directory.createUsers([{ userName }]);
      expect(codes(result.items)).toEqual(['unavailable']);
      expect(simulator.state.getUserByName(userName)).toBeUndefined();
    });

    it('reports a user created when the last lost request did create it', async () => {
      const { connection } = await connectTo(simulator, { timeoutMs: TIMEOUT_MS, retry: { maxAttempts: 1 } });
      simulator.faults.next(1, { kind: 'drop', applyWrite: true }, { cmd: 'batchadd' });
      const userName = unique('late');
      const result = await connection.directory.createUsers([{ userName }]);
      expect(codes(result.items)).toEqual(['ok']);
    });
  });
}

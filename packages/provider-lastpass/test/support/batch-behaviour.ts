import { randomUUID } from 'node:crypto';
import type { BatchItemResult, NewUser } from '@provisionkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type LastPassSimulator,
  type SimulatorQuirks,
  startLastPassSimulator,
} from '../../src/testing/index.js';
import { commandsSince, connectTo } from './connect.js';

export const unique = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@example.com`;

export function codes(items: readonly BatchItemResult[]): string[] {
  return items.map((item) => (item.ok ? 'ok' : item.error.code));
}

/**
 * `createUsers` must report each item's real outcome whatever `batchadd` does with an existing
 * user; the same checks run against a simulator that warns and one that silently updates.
 */
export function describeBatchBehaviour(mode: SimulatorQuirks['batchaddExisting']): void {
  let simulator: LastPassSimulator;
  beforeAll(async () => {
    simulator = await startLastPassSimulator({
      seed: { users: 30, random: 9 },
      quirks: { batchaddExisting: mode },
    });
  });
  afterAll(() => simulator.close());
  afterEach(() => simulator.faults.clear());

  describe(`LastPassUserDirectory (batchadd ${mode})`, () => {
    describe('.createUser', () => {
      it('costs three calls: a lookup, batchadd, a lookup (plus, once per connection, a name-case probe)', async () => {
        const { connection } = await connectTo(simulator);
        await connection.directory.createUser({ userName: unique() });
        const from = simulator.requests.length;
        const user = await connection.directory.createUser({
          userName: unique(),
          password: 'Initial-Pass-1',
        });
        expect(commandsSince(simulator, from)).toEqual(['getuserdata', 'batchadd', 'getuserdata']);
        const stored = simulator.state.getUserById(user.id)!;
        expect(stored.username).toBe(user.userName);
        expect({ hasPassword: stored.hasPassword, reset: stored.passwordResetRequired }).toEqual({
          hasPassword: true,
          reset: true,
        });
      });

      it('rejects an existing userName in another case with conflict and leaves that user alone', async () => {
        const { connection } = await connectTo(simulator);
        const existing = await connection.directory.createUser({
          userName: unique(),
          displayName: 'Kept Name',
        });
        const attempt = connection.directory.createUser({
          userName: existing.userName.toUpperCase(),
          displayName: 'Overwriter',
          groups: ['Intruders'],
        });
        await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
        const stored = simulator.state.getUserById(existing.id)!;
        expect({ fullname: stored.fullname, groups: stored.groups }).toEqual({
          fullname: 'Kept Name',
          groups: [],
        });
      });
    });

    describe('.createUsers', () => {
      it('reports each item of a mixed batch by its real outcome and sends only new users', async () => {
        const { connection } = await connectTo(simulator);
        const existing = await connection.directory.createUser({
          userName: unique(),
          displayName: 'Original',
        });
        const first = unique();
        const batch: NewUser[] = [
          { userName: first, groups: ['Ops'], attributes: { Department: 'Ops' } },
          { userName: existing.userName.toUpperCase(), displayName: 'Overwriter' },
          { userName: first.toUpperCase() },
          { userName: unique(), isAdmin: true },
          { userName: unique(), givenName: 'Mary Ann', familyName: 'van der Berg' },
        ];
        const result = await connection.directory.createUsers(batch);
        expect(codes(result.items)).toEqual(['ok', 'conflict', 'conflict', 'unsupported_operation', 'ok']);
        const created = result.items
          .filter((item) => item.ok)
          .map((item) => (item.ok ? item.user : undefined)!);
        for (const user of created)
          expect(simulator.state.getUserById(user.id)?.username).toBe(user.userName);
        expect(created[0]).toMatchObject({
          groups: ['Ops'],
          attributes: { Department: 'Ops' },
          status: 'invited',
        });
        expect(created[1]).toMatchObject({ givenName: 'Mary Ann', familyName: 'van der Berg' });
        expect(simulator.state.getUserByName(batch[3]!.userName)).toBeUndefined();
        expect(simulator.state.getUserById(existing.id)?.fullname).toBe('Original');
      });

      it('chunks to batchSize and confirms every item with a listing before and after', async () => {
        const { connection } = await connectTo(simulator, { batchSize: 10 });
        const batch = Array.from({ length: 25 }, () => ({ userName: unique('bulk') }));
        const from = simulator.requests.length;
        const result = await connection.directory.createUsers(batch);
        expect(result).toMatchObject({ succeeded: 25, failed: 0 });
        const sent = commandsSince(simulator, from);
        expect(sent.filter((cmd) => cmd === 'batchadd')).toHaveLength(3);
        // A listing before (one page, then the empty page that ends it) and one page after, where
        // the read-back has found every user.
        expect(sent.filter((cmd) => cmd === 'getuserdata')).toHaveLength(3);
        for (const item of result.items) {
          if (item.ok)
            expect(simulator.state.getUserById(item.user.id)?.username).toBe(batch[item.index]!.userName);
        }
      });

      it('fails every item of a chunk LastPass refused, and only those', async () => {
        const { connection } = await connectTo(simulator, { batchSize: 2 });
        simulator.faults.next(1, { kind: 'auth' }, { cmd: 'batchadd' });
        const batch = Array.from({ length: 4 }, () => ({ userName: unique('chunk') }));
        const result = await connection.directory.createUsers(batch);
        expect(codes(result.items)).toEqual(['authentication', 'authentication', 'ok', 'ok']);
        expect(batch.map((item) => simulator.state.getUserByName(item.userName) !== undefined)).toEqual([
          false,
          false,
          true,
          true,
        ]);
      });

      it('fails the whole call when nothing could be checked (bad credentials)', async () => {
        const { connection } = await connectTo(simulator, { provhash: 'e'.repeat(64) });
        await expect(connection.directory.createUsers([{ userName: unique() }])).rejects.toMatchObject({
          code: 'authentication',
        });
      });

      it('lets only one of two concurrent calls create the same user', async () => {
        const { connection } = await connectTo(simulator);
        const userName = unique('race');
        const [left, right] = await Promise.all([
          connection.directory.createUsers([{ userName, displayName: 'Left' }]),
          connection.directory.createUsers([{ userName: userName.toUpperCase(), displayName: 'Right' }]),
        ]);
        expect([...codes(left.items), ...codes(right.items)].sort()).toEqual(['conflict', 'ok']);
        expect(simulator.state.getUserByName(userName)?.fullname).toBe(left.items[0]!.ok ? 'Left' : 'Right');
      });

      it('returns an empty result for an empty batch without calling LastPass', async () => {
        const { connection } = await connectTo(simulator);
        const from = simulator.requests.length;
        expect(await connection.directory.createUsers([])).toEqual({ items: [], succeeded: 0, failed: 0 });
        expect(commandsSince(simulator, from)).toEqual([]);
      });
    });
  });
}

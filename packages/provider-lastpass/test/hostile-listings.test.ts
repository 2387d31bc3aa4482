import type { Connection } from '@provisionkit/core';
import { collectAll, expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { codes, unique } from './support/batch-behaviour.js';
import { commandsSince, connectTo } from './support/connect.js';

const COMPANY = 25;
const PAGE_SIZE = 10;
let simulator: LastPassSimulator;

beforeAll(async () => {
  simulator = await startLastPassSimulator({
    seed: { users: COMPANY, random: 17 },
    quirks: { batchaddExisting: 'upsert' },
  });
});
afterAll(() => simulator.close());
afterEach(() => simulator.faults.clear());

const open = async (): Promise<Connection> =>
  (await connectTo(simulator, { pageSize: PAGE_SIZE })).connection;
const listAll = async (connection: Connection) => collectAll(connection.directory.listUsers());

// What a listing of 25 users in pages of 10 must do when `total` lies: yield all 25, or throw.
const LYING_TOTALS: readonly { readonly total: number | null; readonly outcome: 'all' | 'provider_error' }[] =
  [
    { total: 5, outcome: 'provider_error' },
    { total: 0, outcome: 'provider_error' },
    { total: 10, outcome: 'provider_error' },
    { total: 20, outcome: 'provider_error' },
    { total: -5, outcome: 'all' },
    { total: 2.5, outcome: 'all' },
    { total: null, outcome: 'all' },
  ];

describe('LastPassUserDirectory against a server whose paging lies', () => {
  describe('.listUsers', () => {
    for (const { total, outcome } of LYING_TOTALS) {
      const label = total === null ? 'missing' : String(total);
      it(`with total ${label} of ${COMPANY} users: ${outcome === 'all' ? 'lists every user' : 'throws'}, never ends early in silence`, async () => {
        const connection = await open();
        simulator.faults.always({ kind: 'total', total }, { cmd: 'getuserdata' });
        if (outcome === 'all') {
          const ids = (await listAll(connection)).map((user) => user.id);
          expect(new Set(ids).size).toBe(COMPANY);
          expect(ids).toHaveLength(COMPANY);
        } else {
          await expectProvisioningError(listAll(connection), 'provider_error');
        }
      });
    }

    it('ends only on the empty page after the last one, which the total alone never replaces', async () => {
      const connection = await open();
      const from = simulator.requests.length;
      expect(await listAll(connection)).toHaveLength(COMPANY);
      expect(simulator.requests.slice(from).map((request) => request.status)).toEqual([200, 200, 200, 200]);
    });

    it("takes an error past the last page as the end once total is reached (pastLastPage 'error')", async () => {
      const erring = await startLastPassSimulator({
        seed: { users: 30, random: 2 },
        quirks: { pastLastPage: 'error' },
      });
      try {
        const { connection: other } = await connectTo(erring, { pageSize: PAGE_SIZE });
        expect(await listAll(other)).toHaveLength(30);
        expect(commandsSince(erring, 0)).toHaveLength(4);
      } finally {
        await erring.close();
      }
    });

    it('throws on a repeated page instead of paging forever (total 1e12)', async () => {
      const connection = await open();
      simulator.faults.always({ kind: 'repeat-page', total: 1e12 }, { cmd: 'getuserdata' });
      const from = simulator.requests.length;
      const error = await expectProvisioningError(listAll(connection), 'provider_error');
      expect(error.details).toMatchObject({ reason: 'repeated_page' });
      expect(commandsSince(simulator, from).length).toBeLessThanOrEqual(3);
    });

    it('throws when a later page repeats an earlier one, after pages that were right', async () => {
      const connection = await open();
      // Pages 0 and 1 as they are, then page 0 again for every later page, total unchanged.
      simulator.faults.next(2, { kind: 'slow', delayMs: 0 }, { cmd: 'getuserdata' });
      simulator.faults.always({ kind: 'repeat-page', page: 0, total: COMPANY }, { cmd: 'getuserdata' });
      const error = await expectProvisioningError(listAll(connection), 'provider_error');
      expect(error.details).toMatchObject({ reason: 'repeated_page' });
    });

    it('throws when the users outnumber the total, naming why', async () => {
      const connection = await open();
      simulator.faults.always({ kind: 'total', total: 12 }, { cmd: 'getuserdata' });
      const error = await expectProvisioningError(listAll(connection), 'provider_error');
      expect(error.details).toMatchObject({ reason: 'more_than_total', reportedTotal: 12 });
    });
  });

  describe('.getUser by id', () => {
    it('throws on a repeated page instead of paging forever for an id it does not know', async () => {
      const connection = await open();
      simulator.faults.always({ kind: 'repeat-page', total: 1e12 }, { cmd: 'getuserdata' });
      await expectProvisioningError(connection.directory.getUser({ id: '999999999' }), 'provider_error');
    });

    it('finds a user beyond a lying total, or throws, never answers not_found for it', async () => {
      const connection = await open();
      const last = simulator.state.listUsers().at(-1)!;
      simulator.faults.always({ kind: 'total', total: null }, { cmd: 'getuserdata' });
      expect((await connection.directory.getUser({ id: last.id })).userName).toBe(last.username);
      simulator.faults.clear();
      const fresh = await open();
      simulator.faults.always({ kind: 'total', total: 5 }, { cmd: 'getuserdata' });
      await expectProvisioningError(fresh.directory.getUser({ id: last.id }), 'provider_error');
    });
  });

  describe('.listGroups', () => {
    it('throws on a repeated page instead of paging forever', async () => {
      const connection = await open();
      simulator.faults.always({ kind: 'repeat-page', total: 1e12 }, { cmd: 'getuserdata' });
      await expectProvisioningError(connection.directory.listGroups(), 'provider_error');
    });
  });

  describe('.createUsers on an account where batchadd updates existing users', () => {
    // Larger than the batches checked by lookups: the check before sending is a listing.
    const batchNaming = (existing: string) => [
      { userName: existing, displayName: 'Intruder Name', groups: ['Intruders'] },
      ...Array.from({ length: 11 }, () => ({ userName: unique('hostile') })),
    ];

    it('never overwrites a user on a page past a lying total: nothing is sent', async () => {
      const connection = await open();
      const last = simulator.state.listUsers().at(-1)!;
      const before = { fullname: last.fullname, groups: [...last.groups] };
      simulator.faults.always({ kind: 'total', total: 5 }, { cmd: 'getuserdata' });
      const from = simulator.requests.length;
      await expectProvisioningError(
        connection.directory.createUsers(batchNaming(last.username)),
        'provider_error',
      );
      expect(commandsSince(simulator, from)).not.toContain('batchadd');
      const after = simulator.state.getUserByName(last.username)!;
      expect({ fullname: after.fullname, groups: after.groups }).toEqual(before);
    });

    it('sees a user on a page past a missing total, and reports it as a conflict', async () => {
      const connection = await open();
      const last = simulator.state.listUsers().at(-1)!;
      const fullname = last.fullname;
      simulator.faults.always({ kind: 'total', total: null }, { cmd: 'getuserdata' });
      const result = await connection.directory.createUsers(batchNaming(last.username));
      expect(codes(result.items)).toEqual(['conflict', ...Array(11).fill('ok')]);
      expect(simulator.state.getUserByName(last.username)?.fullname).toBe(fullname);
    });
  });
});

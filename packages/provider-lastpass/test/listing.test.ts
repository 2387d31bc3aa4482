import { collectAll, expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { commandsSince, connectTo } from './support/connect.js';

const COMPANY = 40;
let simulator: LastPassSimulator;

beforeAll(async () => {
  simulator = await startLastPassSimulator({ seed: { users: COMPANY, random: 5 } });
});
afterAll(() => simulator.close());
afterEach(() => simulator.faults.clear());

/** A scripted fault that lets one matching request through unchanged. */
const PASS = { kind: 'slow', delayMs: 0 } as const;

describe('LastPassUserDirectory', () => {
  describe('.listUsers', () => {
    it('ends on the empty page after the last one: one request past the end, no more', async () => {
      const { connection } = await connectTo(simulator);
      const from = simulator.requests.length;
      const users = await collectAll(connection.directory.listUsers({ pageSize: 10 }));
      expect(users).toHaveLength(COMPANY);
      expect(commandsSince(simulator, from)).toEqual(Array(5).fill('getuserdata'));
    });

    it('pulls pages lazily: one page ahead of the caller at most', async () => {
      const { connection } = await connectTo(simulator);
      const from = simulator.requests.length;
      for await (const _user of connection.directory.listUsers({ pageSize: 5 })) break;
      expect(commandsSince(simulator, from).length).toBeLessThanOrEqual(2);
    });

    it('lists every user once, each a distinct numeric id', async () => {
      const { connection } = await connectTo(simulator);
      const ids = (await collectAll(connection.directory.listUsers({ pageSize: 7 }))).map((user) => user.id);
      expect(new Set(ids).size).toBe(COMPANY);
      for (const id of ids) expect(id).toMatch(/^\d+$/);
    });

    it('throws when a page fails mid-listing instead of ending the list early', async () => {
      const { connection } = await connectTo(simulator);
      simulator.faults.next(1, PASS, { cmd: 'getuserdata' });
      simulator.faults.next(1, { kind: 'malformed' }, { cmd: 'getuserdata' });
      const seen: string[] = [];
      const listing = (async () => {
        for await (const user of connection.directory.listUsers({ pageSize: 10 })) seen.push(user.id);
      })();
      await expectProvisioningError(listing, 'provider_error');
      expect(seen.length).toBeLessThan(COMPANY);
    });

    it('throws unavailable when a page keeps failing with 5xx after the retries', async () => {
      const { connection } = await connectTo(simulator);
      simulator.faults.next(1, PASS, { cmd: 'getuserdata' });
      // Every later page fails, those asked for ahead too, through all of their retries.
      simulator.faults.next(100, { kind: 'status', status: 503 }, { cmd: 'getuserdata' });
      await expectProvisioningError(
        collectAll(connection.directory.listUsers({ pageSize: 10 })),
        'unavailable',
      );
    });

    it('throws authentication, never an empty list, when LastPass refuses the credentials', async () => {
      const { connection } = await connectTo(simulator);
      simulator.faults.next(1, { kind: 'auth' }, { cmd: 'getuserdata' });
      await expectProvisioningError(collectAll(connection.directory.listUsers()), 'authentication');
      const wrong = await connectTo(simulator, { provhash: 'f'.repeat(64) });
      await expectProvisioningError(collectAll(wrong.connection.directory.listUsers()), 'authentication');
    });

    it('retries a 429 after its Retry-After and completes the listing', async () => {
      const { connection } = await connectTo(simulator);
      simulator.faults.next(1, { kind: 'status', status: 429, retryAfterSeconds: 1 }, { cmd: 'getuserdata' });
      const from = simulator.requests.length;
      expect(await collectAll(connection.directory.listUsers())).toHaveLength(COMPANY);
      expect(simulator.requests.slice(from).map((request) => request.status)).toEqual([429, 200, 200]);
    });

    it('asks LastPass for disabled users only when listing suspended users', async () => {
      const { connection } = await connectTo(simulator);
      const suspended = simulator.state.listUsers({ disabled: true }).length;
      const from = simulator.requests.length;
      const users = await collectAll(connection.directory.listUsers({ status: 'suspended', pageSize: 2 }));
      expect(users).toHaveLength(suspended);
      for (const user of users) expect(user.status).toBe('suspended');
      expect(commandsSince(simulator, from)).toHaveLength(Math.ceil(suspended / 2) + 1);
    });

    it('filters other statuses and groups on its side', async () => {
      const { connection } = await connectTo(simulator);
      const [group, members] = [...simulator.state.groups].find(([, names]) => names.length > 0)!;
      const listed = await collectAll(connection.directory.listUsers({ group, pageSize: 9 }));
      expect(listed.map((user) => user.userName.toLowerCase()).sort()).toEqual(
        members.map((name) => name.toLowerCase()).sort(),
      );
      const invited = await collectAll(connection.directory.listUsers({ status: ['invited', 'active'] }));
      for (const user of invited) expect(['invited', 'active']).toContain(user.status);
      const expected = simulator.state.listUsers().filter((user) => !user.disabled).length;
      expect(invited).toHaveLength(expected);
    });

    it('reports invited users from the invited list', async () => {
      const { connection } = await connectTo(simulator);
      const byName = new Map(
        (await collectAll(connection.directory.listUsers())).map((u) => [u.userName, u]),
      );
      for (const record of simulator.state.listUsers()) {
        const expected = record.disabled ? 'suspended' : record.invited ? 'invited' : 'active';
        expect(byName.get(record.username)?.status, record.username).toBe(expected);
      }
    });
  });
});

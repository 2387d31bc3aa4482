import { expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { unique } from './support/batch-behaviour.js';
import { commandsSince, connectTo } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator({ seed: { users: 10, random: 2 } });
});
afterAll(() => simulator.close());
afterEach(() => simulator.faults.clear());

const count = (from: number, cmd: string) =>
  commandsSince(simulator, from).filter((sent) => sent === cmd).length;

async function setup() {
  const { connection } = await connectTo(simulator);
  const user = await connection.directory.createUser({
    userName: unique(),
    givenName: 'Mary Ann',
    familyName: 'van der Berg',
  });
  return { directory: connection.directory, user };
}

describe('LastPassUserDirectory', () => {
  describe('.updateUser', () => {
    it('updates the name parts through one fullname and keeps the split', async () => {
      const { directory, user } = await setup();
      expect(user).toMatchObject({
        displayName: 'Mary Ann van der Berg',
        givenName: 'Mary Ann',
        familyName: 'van der Berg',
      });
      const family = await directory.updateUser({ id: user.id }, { familyName: 'de Vries' });
      expect(family).toMatchObject({
        givenName: 'Mary Ann',
        familyName: 'de Vries',
        displayName: 'Mary Ann de Vries',
      });
      const given = await directory.updateUser({ userName: user.userName }, { givenName: 'Anna' });
      expect(given).toMatchObject({ givenName: 'Anna', familyName: 'de Vries' });
      expect(simulator.state.getUserById(user.id)?.fullname).toBe('Anna de Vries');
      expect(await directory.getUser({ id: user.id })).toEqual(given);
    });

    it('keeps a displayName exactly', async () => {
      const { directory, user } = await setup();
      const updated = await directory.updateUser({ id: user.id }, { displayName: 'Dr.  M. A. van der Berg' });
      expect(updated.displayName).toBe('Dr.  M. A. van der Berg');
      expect(updated).toMatchObject({ givenName: 'Dr. M. A.', familyName: 'van der Berg' });
    });

    it('sends nothing when the patch changes nothing', async () => {
      const { directory, user } = await setup();
      const from = simulator.requests.length;
      await directory.updateUser({ id: user.id }, { givenName: 'Mary Ann', email: user.userName });
      expect(commandsSince(simulator, from).filter((cmd) => cmd !== 'getuserdata')).toEqual([]);
    });

    it('renames exactly once when the updateemail answer is lost after the change', async () => {
      const { directory, user } = await setup();
      simulator.faults.next(1, { kind: 'drop', applyWrite: true }, { cmd: 'updateemail' });
      const from = simulator.requests.length;
      const renamed = await directory.updateUser({ id: user.id }, { userName: unique('renamed') });
      expect(renamed.id).toBe(user.id);
      expect(simulator.state.getUserById(user.id)?.username).toBe(renamed.userName);
      expect(count(from, 'updateemail')).toBe(1);
    });

    it('reports a rename held until its resend as done, not not_found (the resend finds no old name)', async () => {
      const { connection } = await connectTo(simulator, { timeoutMs: 600 });
      const user = await connection.directory.createUser({ userName: unique() });
      simulator.faults.next(1, { kind: 'hold' }, { cmd: 'updateemail' });
      const target = unique('held');
      const renamed = await connection.directory.updateUser({ id: user.id }, { userName: target });
      expect(renamed).toMatchObject({ id: user.id, userName: target });
      expect(simulator.state.getUserById(user.id)?.username).toBe(target);
    });

    it('sends updateemail again when the read-back shows it was not applied', async () => {
      const { directory, user } = await setup();
      simulator.faults.next(1, { kind: 'drop', applyWrite: false }, { cmd: 'updateemail' });
      const from = simulator.requests.length;
      const renamed = await directory.updateUser({ id: user.id }, { email: unique('renamed') });
      expect(simulator.state.getUserById(user.id)?.username).toBe(renamed.userName);
      expect(count(from, 'updateemail')).toBe(2);
    });

    it("refuses another user's name with conflict before sending updateemail", async () => {
      const { directory, user } = await setup();
      const other = await directory.createUser({ userName: unique() });
      const from = simulator.requests.length;
      await expectProvisioningError(
        directory.updateUser({ id: user.id }, { userName: other.userName.toUpperCase() }),
        'conflict',
      );
      expect(count(from, 'updateemail')).toBe(0);
    });

    it('refuses isAdmin and attributes as unsupported (core checks updatableFields)', async () => {
      const { directory, user } = await setup();
      await expectProvisioningError(
        directory.updateUser({ id: user.id }, { isAdmin: true }),
        'unsupported_operation',
      );
      await expectProvisioningError(
        directory.updateUser({ id: user.id }, { attributes: { a: 'b' } }),
        'unsupported_operation',
      );
    });
  });

  describe('lifecycle', () => {
    it('suspends with disableuser, idempotently, and reactivates to invited', async () => {
      const { directory, user } = await setup();
      simulator.faults.next(1, { kind: 'drop', applyWrite: true }, { cmd: 'disableuser' });
      expect((await directory.suspendUser({ id: user.id })).status).toBe('suspended');
      const from = simulator.requests.length;
      expect((await directory.suspendUser({ id: user.id })).status).toBe('suspended');
      expect(count(from, 'disableuser')).toBe(0);
      expect((await directory.reactivateUser({ id: user.id })).status).toBe('invited');
    });

    it('removes with deluser 1 also when the answer is lost after the removal', async () => {
      const { directory, user } = await setup();
      simulator.faults.next(1, { kind: 'drop', applyWrite: true }, { cmd: 'deluser' });
      await directory.removeUser({ id: user.id });
      expect(simulator.state.departures.at(-1)).toMatchObject({ id: user.id, reason: 'removed' });
      await expectProvisioningError(directory.getUser({ id: user.id }), 'not_found');
    });

    it('purges with deluser 2 and cancels invitations with deluser 3', async () => {
      const { directory, user } = await setup();
      await directory.purgeUser({ userName: user.userName });
      expect(simulator.state.departures.at(-1)).toMatchObject({ id: user.id, reason: 'deleted' });
      const invited = await directory.createUser({ userName: unique() });
      await directory.cancelInvitation({ id: invited.id });
      expect(simulator.state.departures.at(-1)).toMatchObject({ id: invited.id, reason: 'uninvited' });
    });

    it('refuses to cancel the invitation of an active user without calling deluser', async () => {
      const { directory, user } = await setup();
      simulator.state.recordLogin(user.userName);
      const from = simulator.requests.length;
      await expectProvisioningError(directory.cancelInvitation({ id: user.id }), 'conflict');
      expect(count(from, 'deluser')).toBe(0);
      expect((await directory.getUser({ id: user.id })).status).toBe('active');
    });
  });

  describe('groups', () => {
    it('sends only real membership changes and returns the re-read user', async () => {
      const { directory, user } = await setup();
      simulator.faults.next(1, { kind: 'drop', applyWrite: true }, { cmd: 'batchchangegrp' });
      expect((await directory.addToGroups({ id: user.id }, ['Ops', 'Ops', 'Legal'])).groups).toEqual([
        'Ops',
        'Legal',
      ]);
      const from = simulator.requests.length;
      expect((await directory.addToGroups({ id: user.id }, ['Ops'])).groups).toEqual(['Ops', 'Legal']);
      expect((await directory.removeFromGroups({ id: user.id }, ['Nope'])).groups).toEqual(['Ops', 'Legal']);
      expect(count(from, 'batchchangegrp')).toBe(0);
      expect((await directory.removeFromGroups({ id: user.id }, ['Ops'])).groups).toEqual(['Legal']);
    });

    it('lists groups by name with their member counts', async () => {
      const { connection } = await connectTo(simulator);
      const groups = await connection.directory.listGroups();
      for (const [name, members] of simulator.state.groups) {
        if (members.length === 0) continue;
        expect(groups).toContainEqual({ id: name, name, memberCount: members.length });
      }
    });
  });

  describe('.verifyCredentials', () => {
    it('reports valid, invalid and unreachable without throwing', async () => {
      const { connection } = await connectTo(simulator);
      expect((await connection.directory.verifyCredentials()).status).toBe('valid');
      const wrong = await connectTo(simulator, { provhash: 'a'.repeat(64) });
      expect((await wrong.connection.directory.verifyCredentials()).status).toBe('invalid');
      simulator.faults.next(4, { kind: 'status', status: 503 }, { cmd: 'getuserdata' });
      expect((await connection.directory.verifyCredentials()).status).toBe('unreachable');
    });
  });
});

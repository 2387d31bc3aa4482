import { expectIssueAt, expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LastPassApi } from '../src/index.js';
import { EVENT_ACTIONS, type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { unique } from './support/batch-behaviour.js';
import { connectTo } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator({ seed: { users: 15, random: 6 } });
});
afterAll(() => simulator.close());

async function open() {
  const { connection } = await connectTo(simulator);
  const api = connection.get<LastPassApi>(LastPassApi);
  const user = await connection.directory.createUser({ userName: unique('api') });
  return { api, user, directory: connection.directory };
}

const lastEventFor = (userName: string) =>
  simulator.state.events.filter((event) => event.data.includes(userName)).at(-1)?.action;

describe('LastPassApi', () => {
  describe('user actions', () => {
    it('reinvites, resets the password, requires a password change and disables MFA, by id or userName', async () => {
      const { api, user } = await open();
      await api.reinviteUser({ id: user.id });
      expect(lastEventFor(user.userName)).toBe(EVENT_ACTIONS.reinvited);
      await api.resetPassword({ userName: user.userName.toUpperCase() });
      expect(lastEventFor(user.userName)).toBe(EVENT_ACTIONS.passwordResetSent);
      await api.requireMasterPasswordChange({ id: user.id });
      expect(lastEventFor(user.userName)).toBe(EVENT_ACTIONS.requirePasswordChange);
      await api.disableMultifactor({ id: user.id });
      expect(lastEventFor(user.userName)).toBe(EVENT_ACTIONS.multifactorDisabled);
    });

    it('deactivates with deluser 0 and returns the suspended user, reversible by reactivateUser', async () => {
      const { api, user, directory } = await open();
      expect((await api.deactivateUser({ id: user.id })).status).toBe('suspended');
      expect(simulator.state.getUserById(user.id)?.disabled).toBe(true);
      expect((await directory.reactivateUser({ id: user.id })).status).toBe('invited');
    });

    it('answers not_found for an unknown user and invalid_input for a malformed ref', async () => {
      const { api } = await open();
      await expectProvisioningError(api.resetPassword({ userName: unique('nobody') }), 'not_found');
      const error = await expectProvisioningError(api.reinviteUser({} as never), 'invalid_input');
      expectIssueAt(error, 'ref');
    });
  });

  describe('reads', () => {
    it('returns shared folders with normalized permission flags', async () => {
      const { api } = await open();
      const folders = await api.getSharedFolders();
      expect(folders.length).toBe(simulator.state.sharedFolders.all.length);
      for (const folder of folders) {
        for (const member of folder.users) expect(typeof member.readonly).toBe('boolean');
      }
    });

    it('returns the event report, newest first', async () => {
      const { api, user } = await open();
      const report = await api.reporting({
        from: '2000-01-01 00:00:00',
        to: '2099-12-31 23:59:59',
        search: user.userName,
      });
      expect(report.events.length).toBeGreaterThan(0);
      expect(report.events.map((event) => event.Action)).toContain(EVENT_ACTIONS.created);
      // `Time` is an Eastern wall time; `at` is that instant, matching the simulator's own record.
      const created = report.events.find((event) => event.Action === EVENT_ACTIONS.created)!;
      const recorded = simulator.state.events.find(
        (event) => event.action === EVENT_ACTIONS.created && event.data.includes(user.userName),
      )!;
      expect(created.at).toMatch(/-0[45]:00$/);
      expect(Date.parse(created.at!)).toBe(Math.floor(recorded.timeUs / 1_000_000) * 1_000);
      await expectProvisioningError(api.reporting({ from: 'yesterday', to: 'today' }), 'invalid_input');
    });
  });

  describe('.call', () => {
    it('reaches other commands with the connection credentials', async () => {
      const { api } = await open();
      const shared = await api.call('getsfdata', 'all');
      expect(Object.keys(shared.body)).toHaveLength(simulator.state.sharedFolders.all.length);
      const report = await api.call('reporting', { from: '2000-01-01 00:00:00', to: '2099-12-31 23:59:59' });
      expect(report.body).toMatchObject({ status: 'OK' });
      const folders = await api.call('getdetailedsfdata', 'all');
      expect(folders.kind).toBe('ok');
      expect(Object.keys(folders.body).length).toBe(simulator.state.sharedFolders.all.length);
      const expired = await api.call('expiredmasterpwlist', { limit: 5 });
      expect(expired.body).toMatchObject({ status: 'Success' });
    });

    it('fails an unknown command as provider_error and a malformed name as invalid_input', async () => {
      const { api } = await open();
      await expectProvisioningError(api.call('getgroups'), 'provider_error');
      await expectProvisioningError(api.call('get groups'), 'invalid_input');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { EVENT_ACTIONS } from '../events.js';
import { callCommand, useSimulator } from '../simulator-test-helpers.js';

describe('user commands', () => {
  const start = useSimulator();

  describe('disableuser / enableuser (§4.5)', () => {
    it('answers lower-case "success" with changed and unchanged users', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com' });
      sim.state.addUser({ username: 'b@example.com', disabled: true });
      const { json } = await callCommand(sim, 'disableuser', ['a@example.com', 'b@example.com']);
      expect(json).toEqual({
        status: 'success',
        disabled_users: ['a@example.com'],
        unchanged_users: ['b@example.com'],
      });
      const enabled = await callCommand(sim, 'enableuser', ['a@example.com', 'b@example.com']);
      expect(enabled.json).toEqual({ status: 'success', enabled_users: ['a@example.com', 'b@example.com'] });
    });

    it('names unknown users in an error string', async () => {
      const sim = await start();
      const { json } = await callCommand(sim, 'disableuser', ['ghost@example.com']);
      expect(json).toMatchObject({
        status: 'success',
        unchanged_users: ['ghost@example.com'],
        error: expect.any(String),
      });
    });
  });

  describe('updateuser (§4.6)', () => {
    it('changes fullname and duousername', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com' });
      const { json } = await callCommand(sim, 'updateuser', {
        username: 'a@example.com',
        fullname: 'Mary Ann van der Berg',
        duousername: 'mary',
      });
      expect(json).toEqual({ status: 'OK' });
      expect(sim.state.getUserByName('a@example.com')).toMatchObject({
        fullname: 'Mary Ann van der Berg',
        duousername: 'mary',
      });
    });
  });

  describe('updateemail (§4.7)', () => {
    it('renames the user and keeps its id and groups', async () => {
      const sim = await start();
      const user = sim.state.addUser({ username: 'old@example.com', groups: ['Ops'] });
      const { json } = await callCommand(sim, 'updateemail', {
        oldemail: 'old@example.com',
        newemail: 'new@example.com',
      });
      expect(json).toEqual({ status: 'OK' });
      expect(sim.state.getUserByName('old@example.com')).toBeUndefined();
      expect(sim.state.getUserByName('new@example.com')?.id).toBe(user.id);
      expect(sim.state.groups.get('Ops')).toEqual(['new@example.com']);
    });

    it('answers FAIL when the new email is taken', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com' });
      sim.state.addUser({ username: 'b@example.com' });
      const { json } = await callCommand(sim, 'updateemail', {
        oldemail: 'a@example.com',
        newemail: 'B@example.com',
      });
      expect(json.status).toBe('FAIL');
      expect(sim.state.getUserByName('a@example.com')).toBeDefined();
    });
  });

  describe('single-user commands (§4.8)', () => {
    it('requiremasterpasswordchange sets password_reset_required', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com' });
      expect(
        (await callCommand(sim, 'requiremasterpasswordchange', { username: 'a@example.com' })).json,
      ).toEqual({
        status: 'OK',
      });
      expect(sim.state.getUserByName('a@example.com')?.passwordResetRequired).toBe(true);
      expect(sim.state.events.at(-1)?.action).toBe(EVENT_ACTIONS.requirePasswordChange);
    });

    it('disablemultifactor removes the multifactor key', async () => {
      const sim = await start();
      const user = sim.state.addUser({ username: 'a@example.com', multifactor: 'duo' });
      await callCommand(sim, 'disablemultifactor', { username: 'a@example.com' });
      expect((await callCommand(sim, 'getuserdata')).json.Users[user.id]).not.toHaveProperty('multifactor');
    });

    it('reinviteuser answers OK for an invited user', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'p@example.com', invited: true });
      expect((await callCommand(sim, 'reinviteuser', { username: 'p@example.com' })).json).toEqual({
        status: 'OK',
      });
    });

    it('resetpassword answers FAIL with the error as an array for an unknown user', async () => {
      const sim = await start();
      const { json } = await callCommand(sim, 'resetpassword', { username: 'x@example.com' });
      expect(json).toEqual({ status: 'FAIL', error: ['user not found: x@example.com'] });
    });

    it.each(['reinviteuser', 'requiremasterpasswordchange', 'disablemultifactor', 'updateuser'])(
      '%s answers FAIL with a string error for an unknown user',
      async (cmd) => {
        const sim = await start();
        expect((await callCommand(sim, cmd, { username: 'x@example.com' })).json).toEqual({
          status: 'FAIL',
          error: 'No such user: x@example.com',
        });
      },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { EVENT_ACTIONS } from '../events.js';
import { callCommand, useSimulator } from '../simulator-test-helpers.js';

describe('deluser', () => {
  const start = useSimulator();

  describe('deleteaction 0 (deactivate)', () => {
    it('disables the user and keeps it in the company', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com' });
      expect((await callCommand(sim, 'deluser', { username: 'a@example.com', deleteaction: 0 })).text).toBe(
        '{"status":"OK"}',
      );
      expect(sim.state.getUserByName('a@example.com')?.disabled).toBe(true);
    });

    it('answers OK with an error string when the user is already disabled', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com', disabled: true });
      const { json } = await callCommand(sim, 'deluser', { username: 'a@example.com', deleteaction: '0' });
      expect(json).toEqual({ status: 'OK', error: 'User already disabled: a@example.com' });
    });
  });

  describe('deleteaction 1 and 2', () => {
    it.each([
      [1, 'removed', EVENT_ACTIONS.removedFromCompany],
      [2, 'deleted', EVENT_ACTIONS.deleted],
    ] as const)(
      'action %s drops the user (%s) and records the event',
      async (deleteaction, reason, action) => {
        const sim = await start();
        sim.state.addUser({ username: 'a@example.com', groups: ['Ops'] });
        await callCommand(sim, 'deluser', { username: 'a@example.com', deleteaction });
        expect(sim.state.getUserByName('a@example.com')).toBeUndefined();
        expect(sim.state.groups.get('Ops')).toEqual([]);
        expect(sim.state.departures).toEqual([{ id: '100000001', username: 'a@example.com', reason }]);
        expect(sim.state.events.at(-1)).toMatchObject({ action, data: 'a@example.com' });
      },
    );
  });

  describe('deleteaction 3 (uninvite)', () => {
    it('removes a pending invitation', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'p@example.com', invited: true });
      expect(
        (await callCommand(sim, 'deluser', { username: 'p@example.com', deleteaction: 3 })).json,
      ).toEqual({
        status: 'OK',
      });
      expect(sim.state.departures[0]?.reason).toBe('uninvited');
    });

    it('answers FAIL for a user who is not invited', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com' });
      const { json } = await callCommand(sim, 'deluser', { username: 'a@example.com', deleteaction: 3 });
      expect(json).toMatchObject({ status: 'FAIL', error: expect.any(String) });
      expect(sim.state.userCount).toBe(1);
    });
  });

  it('answers FAIL with the error as a string for an unknown user', async () => {
    const sim = await start();
    const { json } = await callCommand(sim, 'deluser', { username: 'x@example.com', deleteaction: 2 });
    expect(json).toEqual({ status: 'FAIL', error: 'No such user: x@example.com' });
  });

  it('answers FAIL for an out-of-range deleteaction', async () => {
    const sim = await start();
    sim.state.addUser({ username: 'a@example.com' });
    const { json } = await callCommand(sim, 'deluser', { username: 'a@example.com', deleteaction: 9 });
    expect(json.status).toBe('FAIL');
  });
});

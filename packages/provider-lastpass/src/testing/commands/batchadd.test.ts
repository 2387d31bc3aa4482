import { describe, expect, it } from 'vitest';
import { EVENT_ACTIONS } from '../events.js';
import { callCommand, useSimulator } from '../simulator-test-helpers.js';

describe('batchadd', () => {
  const start = useSimulator();

  describe('creating users (§4.2)', () => {
    it('creates invited, never-logged-in users with monotonic numeric ids and answers OK', async () => {
      const sim = await start();
      const response = await callCommand(sim, 'batchadd', [
        { username: 'carol@example.com' },
        { username: 'dan@example.com', fullname: 'Dan Example', attribs: { Department: 'Finance' } },
      ]);
      expect(response.text).toBe('{"status":"OK"}');
      const carol = sim.state.getUserByName('CAROL@example.com');
      const dan = sim.state.getUserByName('dan@example.com');
      expect(carol).toMatchObject({
        id: '100000001',
        invited: true,
        lastLogin: null,
        passwordResetRequired: true,
      });
      expect(dan).toMatchObject({
        id: '100000002',
        fullname: 'Dan Example',
        attribs: { Department: 'Finance' },
      });
      const { json } = await callCommand(sim, 'getuserdata', { username: 'dan@example.com' });
      expect(json.Users['100000002']).toMatchObject({
        neverloggedin: true,
        attribs: { Department: 'Finance' },
      });
      expect(json.invited).toEqual(['dan@example.com']);
    });

    it('keeps only a flag for the password and never returns it', async () => {
      const sim = await start();
      await callCommand(sim, 'batchadd', [
        { username: 'eve@example.com', password: 'Temp-Passw0rd!', password_reset_required: false },
      ]);
      expect(sim.state.getUserByName('eve@example.com')).toMatchObject({
        hasPassword: true,
        passwordResetRequired: false,
      });
      expect(JSON.stringify(sim.state.listUsers())).not.toContain('Temp-Passw0rd!');
      expect((await callCommand(sim, 'getuserdata')).text).not.toContain('Temp-Passw0rd!');
    });

    it('creates unknown groups and records created, invited and group events', async () => {
      const sim = await start();
      await callCommand(sim, 'batchadd', [{ username: 'f@example.com', groups: ['Brand New'] }]);
      expect(sim.state.groups.get('Brand New')).toEqual(['f@example.com']);
      const actions = sim.state.events.map((event) => [event.action, event.data]);
      expect(actions).toEqual([
        [EVENT_ACTIONS.created, 'f@example.com'],
        [EVENT_ACTIONS.invited, 'f@example.com'],
        [EVENT_ACTIONS.addToGroup, 'f@example.com - Brand New'],
      ]);
    });

    it('warns about unknown groups when autoCreateGroups is off', async () => {
      const sim = await start({ quirks: { autoCreateGroups: false } });
      const { json } = await callCommand(sim, 'batchadd', [{ username: 'g@example.com', groups: ['Nope'] }]);
      expect(json.status).toBe('WARN');
      expect(sim.state.hasGroup('Nope')).toBe(false);
    });

    it('accepts 10,000 users in one batch', async () => {
      const sim = await start();
      const users = Array.from({ length: 10_000 }, (_, i) => ({
        username: `user${i}@example.com`,
        groups: ['Bulk'],
      }));
      expect((await callCommand(sim, 'batchadd', users)).json).toEqual({ status: 'OK' });
      expect(sim.state.userCount).toBe(10_000);
      expect(sim.state.groups.get('Bulk')).toHaveLength(10_000);
    });
  });

  describe('invalid items', () => {
    it('answers WARN with errors naming each invalid item and creates the valid ones', async () => {
      const sim = await start();
      const { json } = await callCommand(sim, 'batchadd', [
        { username: 'ok@example.com' },
        { username: 'not-an-email' },
        { fullname: 'No Username' },
      ]);
      expect(json.status).toBe('WARN');
      expect(json.errors).toHaveLength(2);
      expect(json.errors[0]).toContain('not-an-email');
      expect(json.errors[1]).toContain('2');
      expect(sim.state.userCount).toBe(1);
    });

    it('answers FAIL when every item is invalid', async () => {
      const sim = await start();
      const { json } = await callCommand(sim, 'batchadd', [{ username: 'x' }, {}]);
      expect(json).toMatchObject({ status: 'FAIL', errors: expect.any(Array) });
    });

    it('answers FAIL when data is not an array', async () => {
      const sim = await start();
      expect((await callCommand(sim, 'batchadd', { username: 'a@example.com' })).json.status).toBe('FAIL');
    });
  });

  describe('existing usernames', () => {
    it('skips them with WARN "<email> already exists" by default (conflict-warn)', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'dup@example.com', fullname: 'Original' });
      const { json } = await callCommand(sim, 'batchadd', [
        { username: 'DUP@example.com', fullname: 'Changed' },
      ]);
      expect(json).toEqual({ status: 'WARN', errors: ['DUP@example.com already exists'] });
      expect(sim.state.getUserByName('dup@example.com')?.fullname).toBe('Original');
    });

    it('updates fullname, groups and attribs silently in upsert mode', async () => {
      const sim = await start({ quirks: { batchaddExisting: 'upsert' } });
      sim.state.addUser({ username: 'up@example.com', fullname: 'Old', groups: ['A', 'B'] });
      const { json } = await callCommand(sim, 'batchadd', [
        { username: 'up@example.com', fullname: 'New', groups: ['B', 'C'], attribs: { uid: '7' } },
      ]);
      expect(json).toEqual({ status: 'OK' });
      expect(sim.state.getUserByName('up@example.com')).toMatchObject({
        fullname: 'New',
        groups: ['B', 'C'],
        attribs: { uid: '7' },
      });
      expect(sim.state.userCount).toBe(1);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { SimulatorState } from './simulator-state.js';

const newState = (random = 1) =>
  new SimulatorState({
    cid: 1234567,
    provhash: 'a'.repeat(64),
    clock: () => Date.UTC(2024, 6, 1),
    timezone: 'America/New_York',
    random,
  });

describe('SimulatorState', () => {
  describe('.seedUsers', () => {
    it('refuses a negative or fractional count with SimulatorError invalid_input', () => {
      const state = newState();
      expect(() => state.seedUsers(-3)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
      expect(() => state.seedUsers(1.5)).toThrow(/count/);
      expect(state.listUsers()).toEqual([]);
    });

    it('is deterministic for a given seed and differs across seeds', () => {
      const names = (random: number) => {
        const state = newState(random);
        state.seedUsers(50);
        return state.listUsers().map((user) => user.username);
      };
      expect(names(7)).toEqual(names(7));
      expect(names(7)).not.toEqual(names(8));
    });

    it('produces a realistic mix: disabled, admins, invited, never logged in, groups, particles', () => {
      const state = newState();
      state.seedUsers(1_000);
      const users = state.listUsers();
      const count = (predicate: (user: (typeof users)[number]) => boolean) => users.filter(predicate).length;
      expect(count((user) => user.disabled)).toBeGreaterThan(0);
      expect(count((user) => user.admin)).toBeGreaterThan(0);
      expect(count((user) => user.invited)).toBeGreaterThan(0);
      expect(count((user) => user.lastLogin === null && !user.invited)).toBeGreaterThan(0);
      expect(users.filter((user) => user.lastLogin === null).every((user) => user.counters === null)).toBe(
        true,
      );
      expect(count((user) => / (van der|de la|da) /.test(user.fullname))).toBeGreaterThan(0);
      expect(new Set(users.map((user) => user.username.split('@')[1])).size).toBeGreaterThan(3);
      expect(state.groups.size).toBeGreaterThan(3);
      expect(state.sharedFolders.all.length).toBeGreaterThan(0);
    });

    it('keeps usernames unique (case-insensitively) at 100,000 users', () => {
      const state = newState();
      state.seedUsers(100_000);
      expect(state.userCount).toBe(100_000);
      expect(new Set(state.listUsers().map((user) => user.username.toLowerCase())).size).toBe(100_000);
    });

    it('only produces plain ASCII email addresses', () => {
      const state = newState();
      state.seedUsers(300);
      for (const user of state.listUsers()) expect(user.username).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+$/);
    });
  });

  describe('.addUser', () => {
    it('rejects a duplicate username in any case', () => {
      const state = newState();
      state.addUser({ username: 'a@example.com' });
      expect(() => state.addUser({ username: 'A@example.com' })).toThrow(
        expect.objectContaining({ code: 'conflict' }),
      );
    });
  });

  describe('.setProvhash', () => {
    it('rejects an empty hash with invalid_input', () => {
      expect(() => newState().setProvhash('')).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: 'provhash' }),
      );
    });

    it('changes the credentials and records the regeneration event', () => {
      const state = newState();
      state.setProvhash('b'.repeat(64));
      expect(state.credentials).toEqual({ cid: 1234567, provhash: 'b'.repeat(64) });
      expect(state.events.at(-1)?.action).toBe('Enterprise API secret regenerated');
      expect(JSON.stringify(state.events)).not.toContain('b'.repeat(64));
    });
  });

  describe('.patchUser', () => {
    it('throws not_found for an unknown user', () => {
      expect(() => newState().patchUser('x@example.com', { admin: true })).toThrow(
        expect.objectContaining({ code: 'not_found' }),
      );
    });
  });

  describe('.recordLogin', () => {
    it('accepts the invitation and gives the user counters', () => {
      const state = newState();
      state.addUser({ username: 'p@example.com', invited: true });
      state.recordLogin('p@example.com');
      expect(state.getUserByName('p@example.com')).toMatchObject({ invited: false, counters: { sites: 0 } });
    });
  });
});

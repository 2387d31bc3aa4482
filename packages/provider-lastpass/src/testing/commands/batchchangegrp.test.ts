import { describe, expect, it } from 'vitest';
import { EVENT_ACTIONS } from '../events.js';
import { callCommand, useSimulator } from '../simulator-test-helpers.js';

describe('batchchangegrp', () => {
  const start = useSimulator();

  it('adds and removes memberships and records the §4.3 event texts', async () => {
    const sim = await start();
    sim.state.addUser({ username: 'alice@example.com', groups: ['Finance'] });
    const { json } = await callCommand(sim, 'batchchangegrp', [
      { username: 'alice@example.com', add: ['Ops'], del: ['Finance'] },
    ]);
    expect(json).toEqual({ status: 'OK' });
    expect(sim.state.getUserByName('alice@example.com')?.groups).toEqual(['Ops']);
    expect(sim.state.events.map((event) => [event.action, event.data])).toEqual([
      [EVENT_ACTIONS.addToGroup, 'alice@example.com - Ops'],
      [EVENT_ACTIONS.removeFromGroup, "'Finance' 'alice@example.com'"],
    ]);
  });

  it('answers WARN with errors ["x does not exist"] for unknown users and applies the rest', async () => {
    const sim = await start();
    sim.state.addUser({ username: 'alice@example.com' });
    const { json } = await callCommand(sim, 'batchchangegrp', [
      { username: 'alice@example.com', add: ['Ops'] },
      { username: 'bob@example.com', add: ['Ops'] },
    ]);
    expect(json).toEqual({ status: 'WARN', errors: ['bob@example.com does not exist'] });
    expect(sim.state.groups.get('Ops')).toEqual(['alice@example.com']);
  });

  it('answers FAIL when data is not an array', async () => {
    const sim = await start();
    const { json } = await callCommand(sim, 'batchchangegrp', { username: 'a@example.com', add: ['X'] });
    expect(json.status).toBe('FAIL');
  });

  it('tolerates missing or empty add/del lists', async () => {
    const sim = await start();
    sim.state.addUser({ username: 'alice@example.com' });
    const { json } = await callCommand(sim, 'batchchangegrp', [
      { username: 'alice@example.com', add: [], del: [] },
    ]);
    expect(json).toEqual({ status: 'OK' });
  });
});

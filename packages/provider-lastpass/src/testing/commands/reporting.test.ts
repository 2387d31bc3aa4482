import { describe, expect, it } from 'vitest';
import { EVENT_ACTIONS, INITIATED_BY_API } from '../events.js';
import { callCommand, FIXED_NOW, useSimulator } from '../simulator-test-helpers.js';

type WireEvent = { Time: string; Username: string; IP_Address: string; Action: string; Data: string };
const eventsOf = (json: { data: Record<string, WireEvent> | [] }): WireEvent[] => Object.values(json.data);

describe('reporting', () => {
  const start = useSimulator();

  it('lists events newest first as Event1..N with the §4.11 fields', async () => {
    const sim = await start({ clock: () => FIXED_NOW });
    await callCommand(sim, 'batchadd', [{ username: 'a@example.com' }]);
    await callCommand(sim, 'getuserdata', undefined, { apiuser: 'provisionkit-test' });
    const { json } = await callCommand(sim, 'reporting', {
      from: '2024-07-01 00:00:00',
      to: '2024-07-01 23:59:59',
    });
    expect(json.status).toBe('OK');
    expect(json.next).toBeNull();
    expect(Object.keys(json.data)).toEqual(['Event1', 'Event2', 'Event3']);
    expect(json.data.Event1).toEqual({
      Time: '2024-07-01 08:00:00',
      Username: 'provisionkit-test',
      IP_Address: '127.0.0.1',
      Action: EVENT_ACTIONS.getUserData,
      Data: INITIATED_BY_API,
    });
    expect(eventsOf(json).map((event) => [event.Username, event.Action])).toEqual([
      ['provisionkit-test', EVENT_ACTIONS.getUserData],
      ['API', EVENT_ACTIONS.invited],
      ['API', EVENT_ACTIONS.created],
    ]);
  });

  it('appends its own Reporting event after answering', async () => {
    const sim = await start();
    await callCommand(sim, 'reporting', {});
    expect(sim.state.events.at(-1)).toMatchObject({
      action: EVENT_ACTIONS.reporting,
      data: INITIATED_BY_API,
    });
  });

  it('pages with a next cursor that resumes without gaps or repeats', async () => {
    const sim = await start({ quirks: { reportingMaxEvents: 3 } });
    for (let i = 0; i < 7; i++)
      sim.state.recordEvent({ username: 'API', ipAddress: '127.0.0.1', action: 'Log in', data: `n${i}` });
    const seen: string[] = [];
    let next: unknown;
    const search = 'n';
    do {
      const { json } = await callCommand(sim, 'reporting', {
        search,
        ...(next === undefined ? {} : { next }),
      });
      seen.push(...eventsOf(json).map((event) => event.Data));
      next = json.next;
      if (next !== null) expect(next).toMatch(/^\d+$/);
    } while (next !== null);
    expect(seen).toEqual(['n6', 'n5', 'n4', 'n3', 'n2', 'n1', 'n0']);
  });

  it('sends next as a number when reportingNextAs is number', async () => {
    const sim = await start({ quirks: { reportingMaxEvents: 1, reportingNextAs: 'number' } });
    await callCommand(sim, 'getuserdata');
    await callCommand(sim, 'getuserdata');
    expect(typeof (await callCommand(sim, 'reporting', {})).json.next).toBe('number');
  });

  it('filters by from/to in the account zone', async () => {
    let now = FIXED_NOW;
    const sim = await start({ clock: () => now });
    sim.state.recordEvent({ username: 'API', ipAddress: '127.0.0.1', action: 'Log in', data: 'early' });
    now += 3_600_000;
    sim.state.recordEvent({ username: 'API', ipAddress: '127.0.0.1', action: 'Log in', data: 'late' });
    const { json } = await callCommand(sim, 'reporting', {
      from: '2024-07-01 08:30:00',
      to: '2024-07-01 09:00:00',
    });
    expect(eventsOf(json).map((event) => event.Data)).toEqual(['late']);
  });

  describe('user filter', () => {
    it('takes a username inside data or at the top level, and "allusers" as everyone', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com' });
      sim.state.recordLogin('a@example.com');
      await callCommand(sim, 'getuserdata');
      const inside = await callCommand(sim, 'reporting', { user: 'a@example.com' });
      expect(eventsOf(inside.json).map((event) => event.Action)).toEqual([EVENT_ACTIONS.login]);
      const outside = await callCommand(sim, 'reporting', {}, { user: 'a@example.com' });
      expect(eventsOf(outside.json)).toHaveLength(1);
      const all = await callCommand(sim, 'reporting', { user: 'allusers' });
      expect(eventsOf(all.json).length).toBeGreaterThan(1);
    });

    it('answers FAIL "Please select a valid user." for an unknown user', async () => {
      const sim = await start();
      expect((await callCommand(sim, 'reporting', { user: 'api' })).json).toEqual({
        status: 'FAIL',
        error: 'Please select a valid user.',
      });
    });
  });
});

import { describe, expect, it } from 'vitest';
import { callCommand, useSimulator } from '../simulator-test-helpers.js';

describe('getsfdata / getdetailedsfdata', () => {
  const start = useSimulator();

  it('keys folders by id with mixed permission flag types (§4.9)', async () => {
    const sim = await start({ seed: { users: 20 } });
    const { json } = await callCommand(sim, 'getsfdata', 'all');
    const folders = Object.entries(json) as [
      string,
      { sharedfoldername: string; users: Record<string, unknown>[] },
    ][];
    expect(folders.length).toBeGreaterThan(0);
    expect(folders[0]?.[0]).toMatch(/^\d+$/);
    const types = new Set(folders.flatMap(([, folder]) => folder.users.map((user) => typeof user.readonly)));
    expect(types).toEqual(new Set(['number', 'string', 'boolean']));
    expect(folders[0]?.[1].users[0]).not.toHaveProperty('sites');
  });

  it('adds sites and pages when detailed (§4.10)', async () => {
    const sim = await start({ seed: { users: 20 } });
    const total = sim.state.sharedFolders.all.length;
    const first = await callCommand(sim, 'getdetailedsfdata', { data: 'all', pagesize: '2', pageindex: '0' });
    const last = await callCommand(sim, 'getdetailedsfdata', { data: 'all', pagesize: '2', pageindex: '1' });
    expect(Object.keys(first.json)).toHaveLength(2);
    expect(Object.keys(first.json).length + Object.keys(last.json).length).toBe(total);
    const member = (Object.values(first.json)[0] as { users: { sites: unknown }[] }).users[0];
    expect(Array.isArray(member?.sites)).toBe(true);
  });

  it('answers [] when there is no folder', async () => {
    const sim = await start();
    expect((await callCommand(sim, 'getsfdata')).text).toBe('[]');
  });
});

describe('expiredmasterpwlist (§4.12)', () => {
  const start = useSimulator();

  it('answers "Success" with a continuation token until the list is complete', async () => {
    const now = Date.UTC(2024, 6, 1);
    const sim = await start({ clock: () => now });
    for (let i = 0; i < 3; i++)
      sim.state.addUser({ username: `old${i}@example.com`, lastPwChange: now - 400 * 86_400_000 });
    sim.state.addUser({ username: 'fresh@example.com', lastPwChange: now });
    const first = (await callCommand(sim, 'expiredmasterpwlist', { limit: 2 })).json;
    expect(first.status).toBe('Success');
    expect(first.items.map((item: { user_name: string }) => item.user_name)).toEqual([
      'old0@example.com',
      'old1@example.com',
    ]);
    expect(first.continuation).toEqual({ token: '2', remaining_item_count: 1 });
    const rest = (await callCommand(sim, 'expiredmasterpwlist', { limit: 2, continuation_token: '2' })).json;
    expect(rest).toMatchObject({
      continuation: null,
      items: [{ user_name: 'old2@example.com', user_id: 100000003 }],
    });
  });
});

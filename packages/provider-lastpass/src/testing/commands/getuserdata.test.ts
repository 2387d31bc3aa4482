import { describe, expect, it } from 'vitest';
import { callCommand, FIXED_NOW, usernamesOf, useSimulator } from '../simulator-test-helpers.js';

const clock = () => FIXED_NOW;

describe('getuserdata', () => {
  const start = useSimulator();

  describe('user shape (§4.1)', () => {
    it('keeps the recorded key order, string numbers and zone-formatted times', async () => {
      const sim = await start({ clock });
      const user = sim.state.addUser({
        username: 'alice@example.com',
        fullname: 'Alice Example',
        mpstrength: 100,
        totalscore: 83.2,
        admin: true,
        counters: { sites: 12, notes: 1, formfills: 0, applications: 0, attachments: 0 },
        groups: ['Engineering'],
      });
      const { json } = await callCommand(sim, 'getuserdata');
      expect(Object.keys(json.Users[user.id])).toEqual([
        'username',
        'fullname',
        'mpstrength',
        'created',
        'last_pw_change',
        'last_login',
        'neverloggedin',
        'disabled',
        'admin',
        'totalscore',
        'duousername',
        'sites',
        'notes',
        'formfills',
        'applications',
        'attachments',
        'password_reset_required',
        'groups',
      ]);
      expect(json.Users[user.id]).toMatchObject({
        mpstrength: '100',
        totalscore: '83.2',
        created: '2024-07-01 08:00:00',
        last_login: '2024-07-01 08:00:00',
        neverloggedin: false,
        sites: 12,
      });
    });

    it('gives never-logged-in users null counters, null totalscore and last_login ""', async () => {
      const sim = await start();
      const user = sim.state.addUser({ username: 'bob@example.com', lastLogin: null });
      const { json } = await callCommand(sim, 'getuserdata');
      expect(json.Users[user.id]).toMatchObject({
        last_login: '',
        neverloggedin: true,
        totalscore: null,
        sites: null,
        notes: null,
        formfills: null,
        applications: null,
        attachments: null,
      });
    });

    it('adds linked, multifactor and attribs only when the user has them', async () => {
      const sim = await start();
      const plain = sim.state.addUser({ username: 'plain@example.com' });
      const rich = sim.state.addUser({
        username: 'rich@example.com',
        linked: 'rich@example.net',
        multifactor: 'lastpassauth',
        attribs: { Department: 'Ops' },
      });
      const { json } = await callCommand(sim, 'getuserdata');
      expect(json.Users[plain.id]).not.toHaveProperty('multifactor');
      expect(json.Users[rich.id]).toMatchObject({
        linked: 'rich@example.net',
        multifactor: 'lastpassauth',
        attribs: { Department: 'Ops' },
      });
    });

    it('formats times in the timezone quirk', async () => {
      const sim = await start({ clock, quirks: { timezone: 'UTC' } });
      const user = sim.state.addUser({ username: 'utc@example.com' });
      expect((await callCommand(sim, 'getuserdata')).json.Users[user.id].created).toBe('2024-07-01 12:00:00');
    });

    it('sends numbers as numbers when numbersAsStrings is off', async () => {
      const sim = await start({ quirks: { numbersAsStrings: false } });
      const user = sim.state.addUser({ username: 'n@example.com', mpstrength: 75, totalscore: 0 });
      const { json } = await callCommand(sim, 'getuserdata');
      expect(json.Users[user.id]).toMatchObject({ mpstrength: 75, totalscore: 0 });
    });
  });

  describe('empty results and Groups', () => {
    it('answers {"Users":[]} for an unknown username', async () => {
      const sim = await start({ seed: { users: 3 } });
      const response = await callCommand(sim, 'getuserdata', { username: 'nobody@example.com' });
      expect(response.text).toBe('{"Users":[]}');
    });

    it('answers Users {} when emptyUsersAs is object', async () => {
      const sim = await start({ quirks: { emptyUsersAs: 'object' } });
      expect((await callCommand(sim, 'getuserdata')).text).toBe('{"total":0,"count":0,"Users":{}}');
    });

    it('leaves Groups out when no returned user has a group, unless told otherwise', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'solo@example.com' });
      expect((await callCommand(sim, 'getuserdata')).json).not.toHaveProperty('Groups');
      const keep = await start({ quirks: { omitEmptyGroups: false } });
      keep.state.addUser({ username: 'solo@example.com' });
      expect((await callCommand(keep, 'getuserdata')).json.Groups).toEqual([]);
    });

    it('maps Groups to the members of the returned page', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'a@example.com', groups: ['Ops', 'Finance'] });
      sim.state.addUser({ username: 'b@example.com', groups: ['Ops'] });
      const { json } = await callCommand(sim, 'getuserdata', { pagesize: 1, pageindex: 1 });
      expect(json.Groups).toEqual({ Ops: ['b@example.com'] });
    });

    it('maps Groups over the whole company when groupsScope is company', async () => {
      const sim = await start({ quirks: { groupsScope: 'company' } });
      sim.state.addUser({ username: 'a@example.com', groups: ['Ops'] });
      sim.state.addUser({ username: 'b@example.com', groups: ['Ops'] });
      const { json } = await callCommand(sim, 'getuserdata', { pagesize: 1, pageindex: 0 });
      expect(json.Groups).toEqual({ Ops: ['a@example.com', 'b@example.com'] });
    });

    it('lists invited users under a lower-case invited key', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'active@example.com' });
      sim.state.addUser({ username: 'pending@example.com', invited: true });
      expect((await callCommand(sim, 'getuserdata')).json.invited).toEqual(['pending@example.com']);
    });
  });

  describe('paging and filters', () => {
    it('pages 0-based with total/count across the last boundary', async () => {
      const sim = await start({ seed: { users: 5 } });
      const pages = [];
      for (const pageindex of [0, 1, 2, 3]) {
        const { json } = await callCommand(sim, 'getuserdata', {
          pagesize: '2',
          pageindex: String(pageindex),
        });
        pages.push({ total: json.total, count: json.count, ids: Object.keys(json.Users) });
      }
      expect(pages.map((page) => [page.total, page.count])).toEqual([
        [5, 2],
        [5, 2],
        [5, 1],
        [5, 0],
      ]);
      expect(new Set(pages.flatMap((page) => page.ids)).size).toBe(5);
    });

    it('answers an error object past the last page when pastLastPage is error', async () => {
      const sim = await start({ seed: { users: 2 }, quirks: { pastLastPage: 'error' } });
      const { json } = await callCommand(sim, 'getuserdata', { pagesize: 2, pageindex: 1 });
      expect(json).toMatchObject({ status: 'FAIL', error: expect.any(String) });
    });

    it('caps pagesize at maxPageSize', async () => {
      const sim = await start({ seed: { users: 7 }, quirks: { maxPageSize: 3 } });
      const { json } = await callCommand(sim, 'getuserdata', { pagesize: 2000, pageindex: 0 });
      expect([json.total, json.count]).toEqual([7, 3]);
    });

    it('filters disabled and admin users from 1, "1", true or "True"', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'off@example.com', disabled: true });
      sim.state.addUser({ username: 'boss@example.com', admin: true });
      sim.state.addUser({ username: 'plain@example.com' });
      for (const flag of [1, '1', true, 'True']) {
        const { json } = await callCommand(sim, 'getuserdata', { disabled: flag });
        expect(usernamesOf(json)).toEqual(['off@example.com']);
      }
      const admins = (await callCommand(sim, 'getuserdata', { admin: 1 })).json;
      expect([admins.total, usernamesOf(admins)]).toEqual([1, ['boss@example.com']]);
    });

    it('serves 100,000 users in pages of 2,000 with every id exactly once', async () => {
      const sim = await start();
      sim.state.seedUsers(100_000);
      const ids = new Set<string>();
      for (let pageindex = 0; ; pageindex++) {
        const { json } = await callCommand(sim, 'getuserdata', { pagesize: 2000, pageindex });
        expect(json.total).toBe(100_000);
        for (const id of Object.keys(json.Users)) ids.add(id);
        if (json.count < 2000) break;
      }
      expect(ids.size).toBe(100_000);
    }, 60_000);
  });
});

import { collectAll, expectIssueAt, expectProvisioningError } from '@provisionkit/core/testing';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  loggedInUser,
  NO_USERS,
  neverLoggedInUser,
  userPage,
} from '../src/client/commands/recorded-users-test-helpers.js';
import { recordingClock } from '../src/client/wire-test-helpers.js';
import { wallTimeToIso } from '../src/index.js';
import {
  closeQuirksConnections,
  quirksClient,
  quirksConnection,
} from './support/reference-quirks-connect.js';
import {
  AUTH_XML,
  answer,
  CID,
  PROVHASH,
  serveWire,
  type WireAnswer,
  type WireRoute,
} from './support/reference-quirks-wire.js';

/*
 * Traceability matrix of the wire reference (lastpass-enterprise-api.md):
 * one test per item of §5 "Response conventions" (and per sub-bullet of §5.3) and of §7 "Known
 * quirks". Each serves the wire shape the reference describes through nock and drives the public
 * surface: the wire client, or a connection's directory and LastPassApi.
 */

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';

/** `getuserdata username` answered from `users` (id → record); anyone else is PHP's `{"Users":[]}`. */
function lookups(users: () => Record<string, Record<string, unknown>>): WireRoute {
  return (data) => {
    const wanted = (data as { username?: string } | undefined)?.username?.toLowerCase();
    const hit = Object.entries(users()).filter(([, record]) => record.username === wanted);
    return hit.length === 0 ? answer(NO_USERS) : answer(userPage(Object.fromEntries(hit)));
  };
}

/** `getuserdata` paged by `pageindex`/`pagesize` over `users`, `total` sent as LastPass may. */
function pages(users: Record<string, Record<string, unknown>>, total: number | string = 0): WireRoute {
  return (data) => {
    const { pageindex = 0, pagesize = 1000 } = (data ?? {}) as { pageindex?: number; pagesize?: number };
    const slice = Object.entries(users).slice(pageindex * pagesize, (pageindex + 1) * pagesize);
    const count = slice.length;
    return answer({
      total: total === 0 ? Object.keys(users).length : total,
      count,
      Users: Object.fromEntries(slice),
    });
  };
}

const fail = (body: Record<string, unknown>): WireAnswer => answer({ status: 'FAIL', ...body });

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(async () => {
  nock.cleanAll();
  await closeQuirksConnections();
});
afterAll(() => {
  nock.enableNetConnect();
});

describe('§5 Response conventions', () => {
  describe('§5.1 <?xml / rc="Authorization Error" is an auth error', () => {
    it('§5.1 reads the XML authorization error as authentication: no data, no zero users, no retry', async () => {
      const wire = serveWire({ getuserdata: () => answer(AUTH_XML) });
      await expectProvisioningError(quirksClient().getUserData(), 'authentication');
      const { directory } = await quirksConnection();
      await expectProvisioningError(collectAll(directory.listUsers()), 'authentication');
      expect((await directory.verifyCredentials()).status).toBe('invalid');
      // One request per call: a refused secret stays refused, so it is never retried.
      expect(wire.commands()).toEqual(['getuserdata', 'getuserdata', 'getuserdata']);
    });

    it.each([
      ['without the XML declaration', '<lastpass rc="Authorization Error"/>'],
      [
        'with a BOM, CRLF and single quotes',
        "\uFEFF<?xml version='1.0'?>\r\n<lastpass rc='Authorization Error' />\r\n",
      ],
      [
        'with spaces around = and a closing tag',
        '<?xml version="1.0"?><lastpass rc = "Authorization Error"></lastpass>',
      ],
    ])('§5.1 detects rc="Authorization Error" %s', async (_form, body) => {
      serveWire({ resetpassword: () => answer(body) });
      await expectProvisioningError(quirksClient().resetPassword(ALICE), 'authentication');
    });

    it('§5.1 refuses any other XML document as unreadable, never as success or as zero users', async () => {
      serveWire({
        getuserdata: () => answer('<?xml version="1.0" encoding="UTF-8"?>\n<lastpass rc="Maintenance"/>\n'),
      });
      const error = await expectProvisioningError(quirksClient().getUserData(), 'provider_error');
      expect(error.details).toMatchObject({ reason: 'unreadable_body', cmd: 'getuserdata' });
      const { directory } = await quirksConnection();
      await expectProvisioningError(collectAll(directory.listUsers()), 'provider_error');
    });

    it("§5.1 reads a JSON payload whose data merely mentions rc='Authorization Error' as data", async () => {
      // One user's full name must not make the whole company's listing read as refused credentials.
      const mallory = loggedInUser('mallory@example.com', { fullname: "rc='Authorization Error'" });
      serveWire({ getuserdata: pages({ '100000007': mallory }) });
      const { directory } = await quirksConnection();
      const users = await collectAll(directory.listUsers());
      expect(users.map((user) => user.userName)).toEqual(['mallory@example.com']);
    });
  });

  describe('§5.2 non-200 HTTP (429, 5xx) is transport/throttling: retried with back-off', () => {
    it('§5.2 retries HTTP 429 after the Retry-After floor, reads and (non-ambiguous) writes alike', async () => {
      const { clock, waits: delays } = recordingClock(30_000);
      const client = quirksClient(
        { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, jitter: 'none', maxRetryAfterMs: 60_000 } },
        { clock },
      );
      const throttled = new Set<string>();
      const throttleOnce =
        (then: WireAnswer): WireRoute =>
        (_data, request) => {
          if (throttled.has(request.cmd)) return then;
          throttled.add(request.cmd);
          return answer('Too Many Requests', 429, { 'retry-after': '2' });
        };
      const wire = serveWire({
        getuserdata: throttleOnce(answer(userPage({ '100000001': loggedInUser(ALICE) }))),
        batchadd: throttleOnce(answer({ status: 'OK' })),
      });
      expect((await client.getUserData()).body.users.map((user) => user.id)).toEqual(['100000001']);
      // A 429 was not applied, so even the non-idempotent batchadd is safely sent again.
      await expect(client.batchAdd([{ username: BOB }])).resolves.toMatchObject({ kind: 'ok' });
      // Each resend waited the 2 s asked (the limiter's own short waits aside).
      expect(delays.filter((ms) => ms >= 1000)).toEqual([2000, 2000]);
      expect(wire.commands()).toEqual(['getuserdata', 'getuserdata', 'batchadd', 'batchadd']);
    });

    it('§5.2 retries 5xx with growing back-off and surfaces unavailable when attempts run out', async () => {
      const { clock, waits: delays } = recordingClock(30_000);
      const client = quirksClient(
        { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000, jitter: 'none' } },
        { clock },
      );
      const statuses = [503, 502, 500];
      const wire = serveWire({ getsfdata: () => answer('<html>busy</html>', statuses.shift() ?? 500) });
      const error = await expectProvisioningError(client.getSharedFolderData(), 'unavailable');
      expect(error.details).toMatchObject({ reason: 'server_error', httpStatus: 500 });
      expect(delays).toEqual([10, 20]);
      expect(wire.commands()).toHaveLength(3);
    });

    it('§5.2 recovers a connection listing from one 5xx, yet never blindly resends a write after one', async () => {
      let failedOnce = false;
      const wire = serveWire({
        getuserdata: (data, request) => {
          if (!failedOnce) {
            failedOnce = true;
            return answer('', 503);
          }
          return (data as { username?: string }).username === undefined
            ? pages({ '100000001': loggedInUser(ALICE) })(data, request)
            : lookups(() => ({ '100000001': loggedInUser(ALICE) }))(data, request);
        },
        resetpassword: () => answer('', 502),
      });
      const { directory, api } = await quirksConnection();
      expect((await collectAll(directory.listUsers())).map((user) => user.id)).toEqual(['100000001']);
      // resetpassword emails a link per send: after an ambiguous 5xx it is reported, not repeated.
      await expectProvisioningError(api.resetPassword({ userName: ALICE }), 'unavailable');
      expect(wire.commands().filter((cmd) => cmd === 'resetpassword')).toHaveLength(1);
    });
  });

  describe('§5.3 JSON with status', () => {
    it('§5.3 accepts "OK" as success (deluser, updateuser)', async () => {
      const users = { '100000001': loggedInUser(ALICE) };
      const wire = serveWire({
        getuserdata: lookups(() => users),
        updateuser: (data) => {
          users['100000001'] = { ...users['100000001'], fullname: (data as { fullname: string }).fullname };
          return answer({ status: 'OK' });
        },
        deluser: () => answer({ status: 'OK' }),
      });
      const { directory } = await quirksConnection();
      const renamed = await directory.updateUser({ userName: ALICE }, { displayName: 'Alice Renamed' });
      expect(renamed.displayName).toBe('Alice Renamed');
      await expect(directory.removeUser({ userName: ALICE })).resolves.toBeUndefined();
      expect(wire.commands()).toEqual(['getuserdata', 'updateuser', 'getuserdata', 'getuserdata', 'deluser']);
    });

    it('§5.3 accepts "success" as success (disableuser/enableuser), confirmed by a re-read', async () => {
      let disabled = false;
      let applies = true;
      serveWire({
        getuserdata: lookups(() => ({ '100000001': loggedInUser(ALICE, { disabled }) })),
        disableuser: (data) => {
          if (applies) disabled = true;
          return answer({ status: 'success', disabled_users: data });
        },
        enableuser: (data) => {
          disabled = false;
          return answer({ status: 'success', enabled_users: data });
        },
      });
      const { directory } = await quirksConnection();
      expect((await directory.suspendUser({ userName: ALICE })).status).toBe('suspended');
      expect((await directory.reactivateUser({ userName: ALICE })).status).toBe('active');
      // "success" alone proves nothing: LastPass says it for names it did not change.
      applies = false;
      const error = await expectProvisioningError(
        directory.suspendUser({ userName: ALICE }),
        'provider_error',
      );
      expect(error.details).toMatchObject({ reason: 'unchanged' });
    });

    it('§5.3 accepts "Success" as success (expiredmasterpwlist)', async () => {
      const body = {
        status: 'Success',
        continuation: { token: '1235', remaining_item_count: 117 },
        items: [{ user_id: 1234, user_name: ALICE, last_pw_change: '2022-01-13 03:30:13' }],
      };
      serveWire({ expiredmasterpwlist: () => answer(body) });
      const { api } = await quirksConnection();
      await expect(api.call('expiredmasterpwlist', { limit: 100 })).resolves.toMatchObject({ kind: 'ok' });
      const typed = await quirksClient().expiredMasterPasswordList({ limit: 100 });
      expect(typed.body).toEqual({ continuationToken: '1235', remaining: 117, items: body.items });
    });

    it('§5.3 refuses a status that is none of the success spellings, WARN or FAIL', async () => {
      serveWire({ reinviteuser: () => answer({ status: 'Pending' }) });
      const error = await expectProvisioningError(quirksClient().reinviteUser(ALICE), 'provider_error');
      expect(error.details).toMatchObject({ reason: 'unknown_status' });
    });

    it('§5.3 returns WARN as a partial success with its errors, failing only the items it names', async () => {
      serveWire({ batchchangegrp: () => answer({ status: 'WARN', errors: [`${BOB} does not exist`] }) });
      const changes = [
        { username: ALICE, add: ['Ops'] },
        { username: BOB, add: ['Ops'] },
      ];
      await expect(quirksClient().batchChangeGroups(changes)).resolves.toMatchObject({
        kind: 'warn',
        errors: [`${BOB} does not exist`],
      });

      nock.cleanAll();
      const created = new Set<string>();
      serveWire({
        getuserdata: lookups(() => (created.has(ALICE) ? { '100000001': neverLoggedInUser(ALICE) } : {})),
        batchadd: (data) => {
          for (const user of data as { username: string }[]) if (user.username === ALICE) created.add(ALICE);
          return answer({
            status: 'WARN',
            errors: [`${BOB} already exists`, `Group Nope does not exist for ${CAROL}`],
          });
        },
      });
      const { directory } = await quirksConnection();
      const result = await directory.createUsers([
        { userName: ALICE },
        { userName: BOB },
        { userName: CAROL },
      ]);
      expect(result.items.map((item) => (item.ok ? item.user.id : item.error.code))).toEqual([
        '100000001',
        'conflict',
        'provider_error',
      ]);
    });

    it('§5.3 throws FAIL as an error classified by its text, without retrying it', async () => {
      const texts = [
        ['No such user: ghost@example.com', 'not_found'],
        ['User already exists', 'conflict'],
        ['Permission denied', 'permission_denied'],
        ['Something unexpected happened', 'provider_error'],
      ] as const;
      const wire = serveWire({ deluser: () => fail({ error: texts[wire.requests.length - 1]![0] }) });
      const client = quirksClient();
      for (const [, code] of texts) await expectProvisioningError(client.deleteUser(ALICE, 1), code);
      // deluser is idempotent and still sent once per call: a FAIL is an answer, not an outage.
      expect(wire.commands()).toHaveLength(texts.length);
    });

    it('§5.3 reads the failure text under "error" or under "errors"', async () => {
      const bodies = [{ error: 'User not found' }, { errors: 'User not found' }];
      serveWire({ resetpassword: () => fail(bodies.shift()!) });
      for (const _key of ['error', 'errors']) {
        const error = await expectProvisioningError(quirksClient().resetPassword(ALICE), 'not_found');
        expect(error.details).toMatchObject({ status: 'FAIL', messages: ['User not found'] });
      }
    });

    it('§5.3 reads the failure text as a string (deluser) or an array (resetpassword, batchchangegrp errors)', async () => {
      serveWire({
        deluser: () => fail({ error: 'No such user: ghost@example.com' }),
        resetpassword: () => fail({ error: ['user not found: ghost@example.com', 'try again'] }),
        batchchangegrp: () => answer({ status: 'WARN', errors: ['ghost@example.com does not exist'] }),
        reinviteuser: () => answer({ status: 'WARN', errors: 'one text, not a list' }),
      });
      const client = quirksClient();
      const single = await expectProvisioningError(client.deleteUser('ghost@example.com', 1), 'not_found');
      expect(single.details?.messages).toEqual(['No such user: ghost@example.com']);
      const many = await expectProvisioningError(client.resetPassword('ghost@example.com'), 'not_found');
      expect(many.details?.messages).toEqual(['user not found: ghost@example.com', 'try again']);
      const partial = await client.batchChangeGroups([{ username: 'ghost@example.com', add: ['Ops'] }]);
      expect(partial).toMatchObject({ kind: 'warn', errors: ['ghost@example.com does not exist'] });
      // WARN on a single-user command fails that user, its text read the same way.
      const warned = await expectProvisioningError(client.reinviteUser(ALICE), 'provider_error');
      expect(warned.details).toMatchObject({ status: 'WARN', messages: ['one text, not a list'] });
    });

    it('§5.3 keeps an informational error of an OK answer as info, not as a failure', async () => {
      serveWire({
        getuserdata: lookups(() => ({ '100000001': loggedInUser(ALICE) })),
        deluser: () => answer({ status: 'OK', error: `User already disabled: ${ALICE}` }),
      });
      await expect(quirksClient().deleteUser(ALICE, 0)).resolves.toEqual({
        kind: 'ok',
        body: { status: 'OK', error: `User already disabled: ${ALICE}` },
        info: [`User already disabled: ${ALICE}`],
      });
      const { directory } = await quirksConnection();
      await expect(directory.removeUser({ userName: ALICE })).resolves.toBeUndefined();
    });
  });

  describe('§5.4 JSON without status is a data payload', () => {
    it('§5.4 reads a status-less object as data (getuserdata, getsfdata, getdetailedsfdata)', async () => {
      const folder = { sharedfoldername: 'Shared-Ops', deleted: false, score: 87, users: [] };
      serveWire({
        getuserdata: lookups(() => ({ '100000001': loggedInUser(ALICE) })),
        getsfdata: () => answer({ '5551001': folder }),
        getdetailedsfdata: () =>
          answer({ '5551001': { ...folder, users: [{ username: ALICE, sites: ['a.example'] }] } }),
      });
      const { directory, api } = await quirksConnection();
      expect((await directory.getUser({ userName: ALICE })).id).toBe('100000001');
      expect((await api.getSharedFolders()).map((entry) => entry.id)).toEqual(['5551001']);
      const detailed = await api.call('getdetailedsfdata', 'all');
      expect(detailed).toMatchObject({ kind: 'ok', body: { '5551001': { sharedfoldername: 'Shared-Ops' } } });
    });

    it('§5.4 treats a status-less object holding only error text as a failure, not as the end of a listing', async () => {
      const users = { '100000001': loggedInUser(ALICE), '100000002': neverLoggedInUser(BOB) };
      serveWire({
        getuserdata: (data, request) =>
          (data as { pageindex: number }).pageindex === 0
            ? pages(users, 3)(data, request)
            : answer({ error: ['Invalid page index'] }),
      });
      const { directory } = await quirksConnection();
      await expectProvisioningError(collectAll(directory.listUsers({ pageSize: 2 })), 'provider_error');
    });
  });

  describe('§5.5 {"Users":[]} means no users', () => {
    it('§5.5 reads {"Users":[]} as no users: an empty listing and not_found for a lookup', async () => {
      const wire = serveWire({ getuserdata: () => answer(NO_USERS) });
      const { directory } = await quirksConnection();
      expect(await collectAll(directory.listUsers())).toEqual([]);
      expect(await directory.listGroups()).toEqual([]);
      await expectProvisioningError(directory.getUser({ userName: 'ghost@example.com' }), 'not_found');
      await expectProvisioningError(directory.getUser({ id: '100000009' }), 'not_found');
      expect((await directory.verifyCredentials()).status).toBe('valid');
      expect(wire.commands().every((cmd) => cmd === 'getuserdata')).toBe(true);
    });

    it('§5.5 never reads an unauthenticated or unreadable answer as zero users', async () => {
      const bodies: WireAnswer[] = [
        answer(AUTH_XML),
        answer('<!DOCTYPE html><html><body>Service maintenance</body></html>'),
        answer(''),
        answer('{"total":4,"count":1,"Users":{"1000'),
      ];
      serveWire({ getuserdata: () => bodies.shift()! });
      const { directory } = await quirksConnection();
      await expectProvisioningError(collectAll(directory.listUsers()), 'authentication');
      for (const _body of bodies.slice()) {
        await expectProvisioningError(collectAll(directory.listUsers()), 'provider_error');
      }
    });
  });
});

describe('§7 Known quirks', () => {
  it('§7.1 answers HTTP 200 for logical errors too: the body decides, and other statuses are never success', async () => {
    const wire = serveWire({
      getuserdata: () => fail({ error: 'Permission denied' }),
      reinviteuser: () => answer(AUTH_XML),
      resetpassword: () => answer('Not Found', 404),
      updateuser: () => answer('', 302, { location: 'http://elsewhere.quirks.test/enterpriseapi.php' }),
    });
    const client = quirksClient();
    await expectProvisioningError(client.getUserData(), 'permission_denied');
    await expectProvisioningError(client.reinviteUser(ALICE), 'authentication');
    const notFound = await expectProvisioningError(client.resetPassword(ALICE), 'provider_error');
    expect(notFound.details).toMatchObject({ reason: 'http_status', httpStatus: 404 });
    // A redirect is not followed: it would replay the body, provhash included.
    const moved = await expectProvisioningError(
      client.updateUser({ username: ALICE, fullname: 'A' }),
      'provider_error',
    );
    expect(moved.details).toMatchObject({ reason: 'redirect', httpStatus: 302 });
    expect(wire.commands()).toEqual(['getuserdata', 'reinviteuser', 'resetpassword', 'updateuser']);
  });

  it.each(['text/xml;charset=UTF-8', 'application/json', 'text/html'])(
    '§7.2 parses a JSON body whatever its Content-Type says (%s)',
    async (contentType) => {
      serveWire({
        getuserdata: () =>
          answer(userPage({ '100000001': loggedInUser(ALICE) }), 200, { 'content-type': contentType }),
      });
      const { directory } = await quirksConnection();
      const alice = await directory.getUser({ userName: ALICE });
      expect(alice).toMatchObject({ id: '100000001', userName: ALICE, isAdmin: true });
    },
  );

  it('§7.3 reads the one-line XML auth document as authentication without echoing body or provhash', async () => {
    expect(AUTH_XML).toHaveLength(76);
    const wire = serveWire({ getuserdata: () => answer(AUTH_XML), batchadd: () => answer({ status: 'OK' }) });
    const error = await expectProvisioningError(quirksClient().call('getuserdata'), 'authentication');
    expect(error.details).toMatchObject({ cmd: 'getuserdata' });
    const surface = JSON.stringify({ error, message: error.message, stack: error.stack });
    expect(surface).not.toContain(PROVHASH);
    expect(surface).not.toContain('<lastpass');
    // A create whose check before sending is refused sends nothing and throws.
    const { directory } = await quirksConnection();
    await expectProvisioningError(directory.createUsers([{ userName: ALICE }]), 'authentication');
    expect(wire.commands()).toEqual(['getuserdata', 'getuserdata']);
  });

  it.each([
    ['OK', 'updateuser'],
    ['success', 'enableuser'],
    ['Success', 'expiredmasterpwlist'],
  ])('§7.4 accepts the success spelling "%s" (%s)', async (status, cmd) => {
    serveWire({ [cmd]: () => answer({ status, enabled_users: [ALICE], items: [] }) });
    const client = quirksClient();
    const run = {
      updateuser: () => client.updateUser({ username: ALICE, fullname: 'Alice' }),
      enableuser: () => client.enableUsers([ALICE]),
      expiredmasterpwlist: () => client.expiredMasterPasswordList(),
    }[cmd]!;
    await expect(run()).resolves.toMatchObject({ kind: 'ok', info: [] });
  });

  it.each([
    ['"error" string', { error: 'No such user: ghost@example.com' }],
    ['"error" array', { error: ['No such user: ghost@example.com'] }],
    ['"errors" string', { errors: 'No such user: ghost@example.com' }],
    ['"errors" array', { errors: ['No such user: ghost@example.com'] }],
  ])('§7.5 reads FAIL text given as an %s', async (_form, texts) => {
    serveWire({ deluser: () => fail(texts) });
    const error = await expectProvisioningError(
      quirksClient().deleteUser('ghost@example.com', 2),
      'not_found',
    );
    expect(error.details?.messages).toEqual(['No such user: ghost@example.com']);
  });

  it('§7.6 reads PHP empty arrays ("Users":[], "Groups":[], "groups":[], "attribs":[], "data":[]) as empty', async () => {
    const bob = neverLoggedInUser(BOB, { groups: [], attribs: [] });
    serveWire({
      getuserdata: (data) =>
        (data as { username?: string }).username === BOB
          ? answer({ total: 1, count: 1, Users: { '100000002': bob }, Groups: [] })
          : answer({ total: 0, count: 0, Users: [], Groups: [] }),
      getsfdata: () => answer('[]'),
      reporting: () => answer({ status: 'OK', next: null, data: [] }),
    });
    const { directory, api } = await quirksConnection();
    expect(await collectAll(directory.listUsers())).toEqual([]);
    const found = await directory.getUser({ userName: BOB });
    expect(found).toMatchObject({ id: '100000002', groups: [], attributes: {} });
    expect(await api.getSharedFolders()).toEqual([]);
    const report = await api.reporting({ from: '2024-08-01 00:00:00', to: '2024-08-31 23:59:59' });
    expect(report).toEqual({ next: null, events: [] });
  });

  it('§7.7 reads pages without Groups, optional linked/multifactor and null counters of never-logged-in users', async () => {
    const alice = loggedInUser(ALICE, { linked: 'alice@personal.example', multifactor: 'lastpassauth' });
    const { groups: _none, ...bob } = neverLoggedInUser(BOB);
    const carol = neverLoggedInUser(CAROL, { groups: undefined });
    serveWire({
      getuserdata: (data) =>
        (data as { username?: string }).username === CAROL
          ? answer({ Users: { '100000003': carol }, Groups: { Finance: [CAROL] } })
          : (data as { pageindex?: number }).pageindex! > 0
            ? answer({ total: 2, count: 0, Users: [] })
            : answer(userPage({ '100000001': alice, '100000002': bob })),
    });
    const { body } = await quirksClient().getUserData();
    expect(body.groups).toEqual([]);
    expect(body.users[0]).toMatchObject({ linked: 'alice@personal.example', multifactor: 'lastpassauth' });
    expect(body.users[1]).toMatchObject({ linked: null, multifactor: null, groups: [], last_login: null });
    for (const counter of ['sites', 'notes', 'formfills', 'applications', 'attachments'] as const) {
      expect(body.users[1]![counter]).toBeNull();
    }

    const { directory } = await quirksConnection();
    const [first, second] = await collectAll(directory.listUsers());
    expect(first).toMatchObject({ groups: ['Engineering'], lastLoginAt: '2022-06-02T09:20:59-04:00' });
    expect(second).toMatchObject({ id: '100000002', groups: [], createdAt: '2022-06-21T11:12:30-04:00' });
    expect(second).not.toHaveProperty('lastLoginAt');
    // With Groups present, it alone may carry a membership the user record leaves out.
    expect((await directory.getUser({ userName: CAROL })).groups).toEqual(['Finance']);
  });

  it('§7.8 parses numeric strings (mpstrength, totalscore, total, count) to numbers; int counters stay ints', async () => {
    const users = {
      '100000001': loggedInUser(ALICE),
      '100000002': neverLoggedInUser(BOB),
      '100000003': loggedInUser(CAROL, { mpstrength: '75', totalscore: '0' }),
    };
    const wire = serveWire({ getuserdata: pages(users, '3') });
    const { body } = await quirksClient().getUserData({ pageindex: 0, pagesize: 2 });
    expect(body).toMatchObject({ total: 3, count: 2 });
    expect(typeof body.total).toBe('number');
    const [alice, bob] = body.users;
    expect(alice).toMatchObject({ mpstrength: 100, totalscore: 83.2, sites: 12, notes: 1, formfills: 0 });
    expect(typeof alice!.mpstrength).toBe('number');
    expect(typeof alice!.totalscore).toBe('number');
    expect(bob).toMatchObject({ mpstrength: 0, totalscore: null });

    // The numeric total bounds the paging: two pages of two for three users, then the empty third
    // page that ends the listing.
    const { directory } = await quirksConnection();
    expect((await collectAll(directory.listUsers({ pageSize: 2 }))).map((user) => user.id)).toEqual(
      Object.keys(users),
    );
    expect(wire.requests.slice(1).map((request) => request.data)).toEqual([
      { pageindex: 0, pagesize: 2 },
      { pageindex: 1, pagesize: 2 },
      { pageindex: 2, pagesize: 2 },
    ]);
  });

  it('§7.9 reads shared-folder permission flags given as int, "0"/"1" and bool', async () => {
    const member = (username: string, flags: Record<string, unknown>) => ({ username, ...flags });
    serveWire({
      getsfdata: () =>
        answer({
          '5551001': {
            sharedfoldername: 'Ints',
            score: 87,
            users: [member(ALICE, { readonly: 0, give: 1, can_administer: 1, superadmin: false })],
          },
          '5551002': {
            sharedfoldername: 'Strings',
            score: '50',
            users: [member(ALICE, { readonly: '0', give: '1', can_administer: '1', superadmin: false })],
          },
          '5551003': {
            sharedfoldername: 'Bools',
            score: 12,
            deleted: true,
            users: {
              0: member(ALICE, { readonly: false, give: true, can_administer: true, superadmin: true }),
            },
          },
          '5551004': {
            sharedfoldername: 'Read only',
            score: 0,
            users: [member(BOB, { readonly: '1', give: 0, can_administer: false, superadmin: false })],
          },
        }),
    });
    const { api } = await quirksConnection();
    const folders = await api.getSharedFolders();
    const flags = folders.map((folder) =>
      folder.users.map(({ readonly, give, can_administer }) => [readonly, give, can_administer]),
    );
    expect(flags).toEqual([
      [[false, true, true]],
      [[false, true, true]],
      [[false, true, true]],
      [[true, false, false]],
    ]);
    expect(folders.map((folder) => [folder.score, folder.deleted])).toEqual([
      [87, false],
      [50, false],
      [12, true],
      [0, false],
    ]);
    expect(folders[2]!.users[0]!.superadmin).toBe(true);
  });

  it('§7.10 uses object keys as user and folder ids, and orders Event1..EventN by their number', async () => {
    const users = { '100000002': neverLoggedInUser(BOB), '100000001': loggedInUser(ALICE) };
    const events = Object.fromEntries(
      [11, 2, 10, 1, 3, 4, 5, 6, 7, 8, 9].map((n) => [
        `Event${n}`,
        {
          Time: `2024-08-06 05:${String(60 - n).padStart(2, '0')}:00`,
          Username: ALICE,
          IP_Address: '203.0.113.7',
          Action: 'Log in',
          Data: 'lastpass.com',
        },
      ]),
    );
    serveWire({
      getuserdata: (data, request) =>
        (data as { username?: string }).username === undefined
          ? pages(users)(data, request)
          : lookups(() => users)(data, request),
      getsfdata: () => answer({ '5551001': { sharedfoldername: 'Ops', score: 1, users: [] } }),
      reporting: () => answer({ status: 'OK', next: null, data: events }),
    });
    const { directory, api } = await quirksConnection();
    const listed = await collectAll(directory.listUsers());
    expect(listed.map((user) => [user.id, user.userName])).toEqual([
      ['100000001', ALICE],
      ['100000002', BOB],
    ]);
    expect((await directory.getUser({ id: '100000002' })).userName).toBe(BOB);
    await expectProvisioningError(directory.getUser({ id: BOB }), 'not_found');
    expect((await api.getSharedFolders()).map((folder) => folder.id)).toEqual(['5551001']);
    const report = await api.reporting({ from: '2024-08-06 00:00:00', to: '2024-08-06 23:59:59' });
    expect(report.events.map((event) => event.id)).toEqual(
      Array.from({ length: 11 }, (_, i) => `Event${i + 1}`),
    );
  });

  it('§7.11 sends cid as a number whether configured as number or numeric string; numeric data passes unchanged', async () => {
    const wire = serveWire({
      getuserdata: () => answer(NO_USERS),
      deluser: () => answer({ status: 'OK' }),
      getdetailedsfdata: () => answer('[]'),
    });
    for (const cid of [CID, String(CID), ` ${CID} `]) {
      const { directory } = await quirksConnection({ cid });
      await collectAll(directory.listUsers({ pageSize: 500 }));
    }
    await quirksClient({ cid: String(CID) }).deleteUser(ALICE, 1);
    const { api } = await quirksConnection({ cid: String(CID) });
    await api.call('getdetailedsfdata', { data: 'all', pagesize: '500', pageindex: '0' });
    expect(wire.requests.map((request) => request.cid)).toEqual([CID, CID, CID, CID, CID]);
    expect(wire.requests.map((request) => request.data)).toEqual([
      { pageindex: 0, pagesize: 500 },
      { pageindex: 0, pagesize: 500 },
      { pageindex: 0, pagesize: 500 },
      { username: ALICE, deleteaction: 1 },
      { data: 'all', pagesize: '500', pageindex: '0' },
    ]);
    const refused = await expectProvisioningError(quirksConnection({ cid: '12ab' }), 'invalid_input');
    expectIssueAt(refused, 'config.cid');
  });

  it('§7.12 keeps reporting times as US/Eastern wall times, newest first, with action names as sent', async () => {
    const first = {
      status: 'OK',
      next: '1704355200.123456',
      data: {
        Event2: {
          Time: '2024-01-15 08:00:00',
          Username: 'admin@example.com',
          IP_Address: '203.0.113.7',
          Action: 'Master Password Reset by Super Admin',
          Data: ALICE,
        },
        Event1: {
          Time: '2024-08-06 05:16:17',
          Username: 'admin@example.com',
          IP_Address: '203.0.113.7',
          Action: 'Master password reset by super admin',
          Data: BOB,
        },
      },
    };
    const wire = serveWire({
      reporting: (data) =>
        (data as { next?: unknown }).next === undefined
          ? answer(first)
          : answer({ status: 'OK', next: null, data: [] }),
    });
    // The connection's zone is for getuserdata only: reporting times must come back untouched.
    const { api } = await quirksConnection({ timeZone: 'Europe/Berlin' });
    const query = { from: '2024-01-01 00:00:00', to: '2024-08-31 23:59:59', user: 'allusers' };
    const report = await api.reporting(query);
    expect(report.events.map((event) => [event.id, event.Time, event.Action])).toEqual([
      ['Event1', '2024-08-06 05:16:17', 'Master password reset by super admin'],
      ['Event2', '2024-01-15 08:00:00', 'Master Password Reset by Super Admin'],
    ]);
    const eastern = report.events.map((event) => wallTimeToIso(event.Time, 'America/New_York'));
    expect(eastern).toEqual(['2024-08-06T05:16:17-04:00', '2024-01-15T08:00:00-05:00']);
    const instants = eastern.map((iso) => Date.parse(iso!));
    expect(instants).toEqual([...instants].sort((a, b) => b - a));
    // Old and new casing name the same action; a case-insensitive comparison unites them.
    expect(new Set(report.events.map((event) => event.Action?.toLowerCase())).size).toBe(1);

    expect(report.next).toBe('1704355200.123456');
    await api.reporting({ ...query, next: report.next! });
    expect(wire.requests.map((request) => request.data)).toEqual([
      query,
      { ...query, next: '1704355200.123456' },
    ]);
    // Zone-qualified times are refused before sending: LastPass reads from/to as Eastern wall times.
    await expectProvisioningError(api.reporting({ ...query, from: '2024-01-01T00:00:00Z' }), 'invalid_input');
    expect(wire.requests).toHaveLength(2);
  });
});

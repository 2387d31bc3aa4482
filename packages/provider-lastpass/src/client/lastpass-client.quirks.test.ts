import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseLastPassClientConfig } from './client-config.js';
import { LastPassClient } from './lastpass-client.js';

const ORIGIN = 'https://lastpass.quirks.test';
const PATH = '/enterpriseapi.php';
const PROVHASH = 'a1'.repeat(32);
// LastPass labels every answer text/xml, JSON included.
const XML = { 'content-type': 'text/xml;charset=UTF-8' };
const AUTH_XML = '<?xml version="1.0" encoding="UTF-8"?>\n<lastpass rc="Authorization Error"/>\n';

function makeClient(): LastPassClient {
  const config = parseLastPassClientConfig({
    cid: '1234567',
    provhash: PROVHASH,
    apiUser: 'provisionkit-tests',
    baseUrl: `${ORIGIN}${PATH}`,
    limits: { requestsPerSecond: 10_000 },
    retry: { maxAttempts: 1 },
  });
  return new LastPassClient(config, pino({ level: 'silent' }));
}

function answer(cmd: string, body: string | object, status = 200) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return nock(ORIGIN)
    .post(PATH, (sent: { cmd?: string }) => sent.cmd === cmd)
    .reply(status, text, XML);
}

describe('LastPassClient (wire quirks)', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });

  describe('.call', () => {
    it('posts the JSON envelope: numeric cid, provhash, cmd, data, apiuser', async () => {
      let sent: unknown;
      nock(ORIGIN)
        .post(PATH, (body) => {
          sent = body;
          return true;
        })
        .reply(200, '{"status":"OK"}', XML);
      await makeClient().call('reinviteuser', { username: 'a@example.com' });
      expect(sent).toEqual({
        cid: 1234567,
        provhash: PROVHASH,
        cmd: 'reinviteuser',
        data: { username: 'a@example.com' },
        apiuser: 'provisionkit-tests',
      });
    });

    it('throws authentication for the XML authorization error served at HTTP 200 as text/xml', async () => {
      answer('getuserdata', AUTH_XML);
      await expect(makeClient().call('getuserdata')).rejects.toMatchObject({ code: 'authentication' });
    });

    it('returns a status-less data payload (getsfdata) as ok', async () => {
      answer('getsfdata', { '5551001': { sharedfoldername: 'Ops', score: 87, users: [] } });
      await expect(makeClient().call('getsfdata', 'all')).resolves.toMatchObject({ kind: 'ok' });
    });

    it('refuses a command name that is not lower-case letters, before any I/O', async () => {
      await expect(makeClient().call('get user data')).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });

  describe('success spellings', () => {
    it('reads "OK" (deluser)', async () => {
      answer('deluser', { status: 'OK' });
      await expect(makeClient().deleteUser('a@example.com', 0)).resolves.toMatchObject({ kind: 'ok' });
    });

    it('reads "success" (disableuser) and its user lists', async () => {
      answer('disableuser', {
        status: 'success',
        disabled_users: ['a@example.com'],
        unchanged_users: ['b@example.com'],
      });
      const result = await makeClient().disableUsers(['a@example.com', 'b@example.com']);
      expect(result).toMatchObject({
        kind: 'ok',
        body: { changed: ['a@example.com'], unchanged: ['b@example.com'] },
      });
    });

    it('reads "Success" (expiredmasterpwlist)', async () => {
      answer('expiredmasterpwlist', { status: 'Success', continuation: null, items: [] });
      await expect(makeClient().expiredMasterPasswordList()).resolves.toMatchObject({ kind: 'ok' });
    });
  });

  describe('failures and partial successes', () => {
    it('returns WARN of batchchangegrp as a partial success instead of throwing', async () => {
      answer('batchchangegrp', { status: 'WARN', errors: ['bob@example.com does not exist'] });
      const result = await makeClient().batchChangeGroups([
        { username: 'alice@example.com', add: ['Ops'] },
        { username: 'bob@example.com', add: ['Ops'] },
      ]);
      expect(result).toEqual({
        kind: 'warn',
        body: { status: 'WARN', errors: ['bob@example.com does not exist'] },
        errors: ['bob@example.com does not exist'],
      });
    });

    it('fails a WARN answer to a single-user command like FAIL, classified by its text', async () => {
      answer('resetpassword', { status: 'WARN', errors: ['Permission denied for this admin level'] });
      answer('deluser', { status: 'WARN', error: 'Something odd' });
      await expect(makeClient().resetPassword('alice@example.com')).rejects.toMatchObject({
        code: 'permission_denied',
        details: { cmd: 'resetpassword', status: 'WARN' },
      });
      await expect(makeClient().deleteUser('alice@example.com', 0)).rejects.toMatchObject({
        code: 'provider_error',
        details: { cmd: 'deluser', status: 'WARN', messages: ['Something odd'] },
      });
    });

    it('maps FAIL with an error string (deluser) to not_found', async () => {
      answer('deluser', { status: 'FAIL', error: 'No such user: ghost@example.com' });
      await expect(makeClient().deleteUser('ghost@example.com', 1)).rejects.toMatchObject({
        code: 'not_found',
        provider: 'lastpass',
      });
    });

    it('maps FAIL with an error array (resetpassword) to not_found', async () => {
      answer('resetpassword', { status: 'FAIL', error: ['user not found: ghost@example.com'] });
      await expect(makeClient().resetPassword('ghost@example.com')).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('maps FAIL with an errors array to its class', async () => {
      answer('batchadd', { status: 'FAIL', errors: ['User already exists'] });
      await expect(makeClient().batchAdd([{ username: 'a@example.com' }])).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('keeps the informational error of an OK answer as info', async () => {
      answer('deluser', { status: 'OK', error: 'User already disabled: a@example.com' });
      await expect(makeClient().deleteUser('a@example.com', 0)).resolves.toMatchObject({
        kind: 'ok',
        info: ['User already disabled: a@example.com'],
      });
    });

    it('maps an answer that breaks the command schema to provider_error without echoing it', async () => {
      answer('getuserdata', { Users: { '1': { fullname: 'No Username', secretish: 'payload-marker' } } });
      const error = await makeClient()
        .getUserData()
        .catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'provider_error', details: { reason: 'unexpected_response' } });
      expect(JSON.stringify(error)).not.toContain('payload-marker');
    });
  });

  describe('.getUserData', () => {
    it('pages with the configured page size by default', async () => {
      let data: unknown;
      nock(ORIGIN)
        .post(PATH, (body: { data?: unknown }) => {
          data = body.data;
          return true;
        })
        .reply(200, '{"total":0,"count":0,"Users":[]}', XML);
      await makeClient().getUserData({ disabled: true });
      expect(data).toEqual({ pageindex: 0, pagesize: 1000, disabled: 1 });
    });

    it('reads {"Users":[]} for an unknown username as no users', async () => {
      answer('getuserdata', '{"Users":[]}');
      const result = await makeClient().getUserData({ username: 'ghost@example.com' });
      expect(result.body.users).toEqual([]);
    });

    it('reads a page without Groups, numbers as strings and null counters', async () => {
      answer('getuserdata', {
        total: '4',
        count: '1',
        Users: {
          '100000002': {
            username: 'bob@example.com',
            mpstrength: '0',
            totalscore: null,
            last_login: '',
            neverloggedin: true,
            sites: null,
            notes: null,
            groups: [],
          },
        },
      });
      const { body } = await makeClient().getUserData({ pageindex: 0, pagesize: 1 });
      expect(body).toMatchObject({ total: 4, count: 1, groups: [] });
      expect(body.users[0]).toMatchObject({
        id: '100000002',
        mpstrength: 0,
        totalscore: null,
        sites: null,
        notes: null,
        last_login: null,
        groups: [],
      });
    });
  });
});

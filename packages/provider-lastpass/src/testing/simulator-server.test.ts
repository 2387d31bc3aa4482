import { afterEach, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from './simulator-server.js';
import { callCommand, postRaw } from './simulator-test-helpers.js';
import { AUTH_ERROR_XML } from './wire-format.js';

describe('startLastPassSimulator', () => {
  let simulator: LastPassSimulator | undefined;
  const start = async (...args: Parameters<typeof startLastPassSimulator>) => {
    simulator = await startLastPassSimulator(...args);
    return simulator;
  };
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  describe('.url and .credentials', () => {
    it('listens on loopback with a random 7-digit cid and a 64-hex provhash', async () => {
      const sim = await start();
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/enterpriseapi\.php$/);
      expect(String(sim.credentials.cid)).toMatch(/^\d{7}$/);
      expect(sim.credentials.provhash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses a non-loopback host with an invalid_input error naming the option', async () => {
      await expect(startLastPassSimulator({ host: '0.0.0.0' })).rejects.toMatchObject({
        code: 'invalid_input',
        path: 'host',
      });
    });

    it('refuses an unknown quirk', async () => {
      const options = { quirks: { emptyUsersAs: 'null' } } as unknown as Parameters<typeof start>[0];
      await expect(startLastPassSimulator(options)).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });

  describe('throttle', () => {
    it('accepts requestsPerSecond requests in a second and answers 429 with Retry-After beyond', async () => {
      const now = Date.UTC(2030, 0, 1);
      const sim = await start({ clock: () => now, throttle: { requestsPerSecond: 3, retryAfterSeconds: 1 } });
      const answers = [];
      for (let index = 0; index < 5; index++) answers.push(await callCommand(sim, 'getuserdata', {}));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
      expect(answers[3]!.headers.get('retry-after')).toBe('1');
      expect(sim.requests.map((request) => request.outcome)).toEqual([
        'ok',
        'ok',
        'ok',
        'rejected',
        'rejected',
      ]);
    });
  });

  describe('transport (§2)', () => {
    it('answers JSON with HTTP 200, an XML content type and LastPass headers, compactly', async () => {
      const sim = await start({ seed: { users: 2 } });
      const response = await callCommand(sim, 'getuserdata');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/xml;charset=UTF-8');
      expect(response.headers.get('server')).toBe('LastPass');
      expect(response.headers.get('cache-control')).toBe('no-cache,private,no-store');
      expect(response.text).toBe(JSON.stringify(response.json));
      expect(response.text).not.toMatch(/": /);
    });

    it('answers 404 on other paths and 405 on other methods', async () => {
      const sim = await start();
      expect(
        (await fetch(sim.url.replace('enterpriseapi.php', 'other.php'), { method: 'POST' })).status,
      ).toBe(404);
      const get = await fetch(sim.url);
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
    });

    it('answers 413 to a body above maxBodyBytes', async () => {
      const sim = await start({ maxBodyBytes: 1024 });
      const response = await postRaw(
        sim,
        JSON.stringify({ ...sim.credentials, cmd: 'x', pad: 'a'.repeat(4096) }),
      );
      expect(response.status).toBe(413);
    });

    it('accepts cid as a numeric string and a form-encoded body with JSON data', async () => {
      const sim = await start();
      sim.state.addUser({ username: 'alice@example.com' });
      const form = new URLSearchParams({
        cid: String(sim.credentials.cid),
        provhash: sim.credentials.provhash,
        cmd: 'getuserdata',
        data: JSON.stringify({ username: 'alice@example.com' }),
      });
      const response = await postRaw(sim, form.toString(), {
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(response.json.count).toBe(1);
    });
    it('accepts a form-encoded bare word as data (getsfdata data=all)', async () => {
      const sim = await start({ seed: { users: 10 } });
      const form = new URLSearchParams({
        cid: String(sim.credentials.cid),
        provhash: sim.credentials.provhash,
        cmd: 'getsfdata',
        data: 'all',
      });
      const response = await postRaw(sim, form.toString(), {
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(Object.keys(response.json).length).toBe(sim.state.sharedFolders.all.length);
    });

    it('delays every answer by latencyMs', async () => {
      const sim = await start({ quirks: { latencyMs: 30 } });
      await callCommand(sim, 'getuserdata');
      expect(sim.requests[0]?.durationMs).toBeGreaterThanOrEqual(25);
    });
  });

  describe('authentication (§2.2)', () => {
    it.each([
      ['a wrong cid', (c: { cid: number; provhash: string }) => ({ ...c, cid: c.cid + 1 })],
      ['a wrong provhash', (c: { cid: number; provhash: string }) => ({ ...c, provhash: 'f'.repeat(64) })],
      ['no provhash', (c: { cid: number; provhash: string }) => ({ cid: c.cid })],
      ['no cid', (c: { cid: number; provhash: string }) => ({ provhash: c.provhash })],
    ])('answers the recorded 76-byte XML for %s', async (_name, mutate) => {
      const sim = await start();
      const response = await postRaw(sim, JSON.stringify({ ...mutate(sim.credentials), cmd: 'getuserdata' }));
      expect(response.status).toBe(200);
      expect(response.text).toBe(AUTH_ERROR_XML);
      expect(Buffer.byteLength(response.text)).toBe(76);
      expect(response.headers.get('content-type')).toBe('text/xml;charset=UTF-8');
    });

    it('answers the XML error to a body that is not JSON', async () => {
      const sim = await start();
      expect((await postRaw(sim, 'not json')).text).toBe(AUTH_ERROR_XML);
    });

    it('rejects the old provhash after rotation and accepts the new one', async () => {
      const sim = await start();
      const old = sim.credentials;
      sim.state.setProvhash('a'.repeat(64));
      expect((await callCommand({ url: sim.url, credentials: old }, 'getuserdata')).text).toBe(
        AUTH_ERROR_XML,
      );
      expect((await callCommand(sim, 'getuserdata')).json).toEqual({ total: 0, count: 0, Users: [] });
    });
  });

  describe('unknown commands (§3, invented)', () => {
    it('answers FAIL with an error string by default', async () => {
      const sim = await start();
      expect((await callCommand(sim, 'getgroups')).json).toEqual({
        status: 'FAIL',
        error: 'Unknown command: getgroups',
      });
    });

    it('can answer an empty body or the auth XML instead', async () => {
      const sim = await start({ quirks: { unknownCommand: 'empty-body' } });
      expect((await callCommand(sim, 'adduser')).text).toBe('');
      await sim.close();
      const xml = await start({ quirks: { unknownCommand: 'auth-error' } });
      expect((await callCommand(xml, 'adduser')).text).toBe(AUTH_ERROR_XML);
    });
  });

  describe('.requests', () => {
    it('logs cmd, status, time and outcome but never the provhash', async () => {
      const sim = await start();
      await callCommand(sim, 'getuserdata');
      await postRaw(sim, JSON.stringify({ cid: 1, provhash: 'wrong-secret-value', cmd: 'deluser' }));
      expect(sim.requests.map(({ cmd, status, outcome }) => ({ cmd, status, outcome }))).toEqual([
        { cmd: 'getuserdata', status: 200, outcome: 'ok' },
        { cmd: 'deluser', status: 200, outcome: 'auth-error' },
      ]);
      expect(sim.requests[0]?.durationMs).toBeGreaterThanOrEqual(0);
      const logged = JSON.stringify(sim.requests);
      expect(logged).not.toContain(sim.credentials.provhash);
      expect(logged).not.toContain('wrong-secret-value');
    });

    it('empties on resetRequestLog()', async () => {
      const sim = await start();
      await callCommand(sim, 'getuserdata');
      sim.resetRequestLog();
      expect(sim.requests).toHaveLength(0);
    });
  });

  describe('.close', () => {
    it('stops listening', async () => {
      const sim = await start();
      await sim.close();
      await expect(fetch(sim.url, { method: 'POST', body: '{}' })).rejects.toThrow();
      simulator = undefined;
    });
  });
});

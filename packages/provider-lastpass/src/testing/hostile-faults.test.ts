import { request } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { callCommand, usernamesOf, useSimulator } from './simulator-test-helpers.js';

const PAGE = { pagesize: 10, pageindex: 2 };
// A provhash with the characters URL encoding changes, to see echoes encoded.
const PROVHASH = 'Echo+Secret/Hash=With&Symbols-0123456789';
const PASSWORD = 'Echoed-Passw0rd!';

/** Reads at most `limit` body bytes of one answer, then hangs up; resolves with the bytes read. */
function readSome(url: string, body: string, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= limit) {
          res.destroy();
          resolve(read);
        }
      });
      res.on('end', () => resolve(read));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('SimulatorFaults (hostile servers)', () => {
  const start = useSimulator();

  describe("{ kind: 'total' }", () => {
    it('makes getuserdata claim another total, or leave it out, while paging stays real', async () => {
      const sim = await start({ seed: { users: 25 } });
      sim.faults.next(1, { kind: 'total', total: 5 }, { cmd: 'getuserdata' });
      sim.faults.next(1, { kind: 'total', total: null }, { cmd: 'getuserdata' });
      const lying = await callCommand(sim, 'getuserdata', { pagesize: 10, pageindex: 0 });
      expect(lying.json).toMatchObject({ total: 5, count: 10 });
      const missing = await callCommand(sim, 'getuserdata', { pagesize: 10, pageindex: 1 });
      expect(missing.json.total).toBeUndefined();
      expect(missing.json.count).toBe(10);
      expect(sim.requests.map((entry) => entry.fault)).toEqual(['total', 'total']);
    });
  });

  describe("{ kind: 'repeat-page' }", () => {
    it('answers the same page whatever pageindex asks, with the total it is given', async () => {
      const sim = await start({ seed: { users: 25 } });
      sim.faults.always({ kind: 'repeat-page', total: 1e12 }, { cmd: 'getuserdata' });
      const first = await callCommand(sim, 'getuserdata', { pagesize: 10, pageindex: 0 });
      const third = await callCommand(sim, 'getuserdata', PAGE);
      expect(usernamesOf(third.json)).toEqual(usernamesOf(first.json));
      expect(third.json.total).toBe(1e12);
      sim.faults.clear();
      expect(usernamesOf((await callCommand(sim, 'getuserdata', PAGE)).json)).toHaveLength(5);
    });
  });

  describe("{ kind: 'hold' }", () => {
    it('applies a held write only when the same command arrives again, just before it', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'hold' }, { cmd: 'batchadd' });
      const signal = AbortSignal.timeout(100);
      await expect(
        callCommand(sim, 'batchadd', [{ username: 'held@example.com' }], { signal }),
      ).rejects.toThrow();
      await callCommand(sim, 'getuserdata');
      expect(sim.state.getUserByName('held@example.com')).toBeUndefined();
      expect(sim.faults.held).toBe(1);
      const resend = await callCommand(sim, 'batchadd', [{ username: 'held@example.com' }]);
      expect(resend.json).toEqual({ status: 'WARN', errors: ['held@example.com already exists'] });
      expect(sim.faults.held).toBe(0);
      expect(sim.requests.map((entry) => [entry.cmd, entry.fault ?? null])).toEqual([
        ['getuserdata', null],
        ['batchadd', 'hold'],
        ['batchadd', null],
      ]);
    });

    it('drops held writes on clear() without applying them', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'hold' });
      const signal = AbortSignal.timeout(50);
      await expect(
        callCommand(sim, 'batchadd', [{ username: 'gone@example.com' }], { signal }),
      ).rejects.toThrow();
      sim.faults.clear();
      await callCommand(sim, 'batchadd', [{ username: 'other@example.com' }]);
      expect(sim.state.getUserByName('gone@example.com')).toBeUndefined();
    });
  });

  describe("{ kind: 'huge' } and { kind: 'endless' }", () => {
    it('pads the real answer to the size asked, still valid JSON', async () => {
      const sim = await start({ seed: { users: 3 } });
      sim.faults.next(1, { kind: 'huge', bytes: 300_000 });
      const response = await callCommand(sim, 'getuserdata');
      expect(response.text.length).toBe(300_000);
      expect(response.headers.get('content-length')).toBeNull();
      expect(Object.keys(response.json.Users)).toHaveLength(3);
      expect(sim.requests[0]).toMatchObject({ fault: 'huge', bytes: 300_000 });
    });

    it('declares the length when asked', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'huge', bytes: 70_000, declareLength: true });
      expect((await callCommand(sim, 'getuserdata')).headers.get('content-length')).toBe('70000');
    });

    it('streams an endless body until the client hangs up, then stops writing', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'endless' });
      const body = JSON.stringify({ ...sim.credentials, cmd: 'getuserdata' });
      expect(await readSome(sim.url, body, 2_000_000)).toBeGreaterThanOrEqual(2_000_000);
      await vi.waitFor(() => expect(sim.requests[0]).toMatchObject({ fault: 'endless' }));
      expect(sim.requests[0]?.bytes).toBeLessThan(64 * 1024 * 1024);
    });
  });

  describe("{ kind: 'echo' }", () => {
    it('echoes the request, provhash and password included, in a FAIL text', async () => {
      const sim = await start({ provhash: PROVHASH });
      sim.faults.next(1, { kind: 'echo', as: 'fail' });
      const response = await callCommand(sim, 'batchadd', [
        { username: 'a@example.com', password: PASSWORD },
      ]);
      expect(response.json.status).toBe('FAIL');
      expect(response.json.error).toContain(PROVHASH);
      expect(response.json.error).toContain(PASSWORD);
      expect(sim.state.userCount).toBe(0);
    });

    it('echoes each item in its own WARN text, and URL-encoded when asked', async () => {
      const sim = await start({ provhash: PROVHASH });
      sim.faults.next(1, { kind: 'echo', as: 'warn' });
      sim.faults.next(1, { kind: 'echo', as: 'fail', encoding: 'form' });
      const items = [{ username: 'a@example.com', password: PASSWORD }, { username: 'b@example.com' }];
      const warn = await callCommand(sim, 'batchadd', items);
      expect(warn.json.errors).toHaveLength(2);
      expect(warn.json.errors[0]).toContain(PASSWORD);
      const form = await callCommand(sim, 'getuserdata');
      expect(form.json.error).toContain(encodeURIComponent(PROVHASH));
      expect(form.json.error).not.toContain(PROVHASH);
    });

    it('echoes into an HTTP 400 page, cut to maxChars when asked', async () => {
      const sim = await start({ provhash: PROVHASH });
      sim.faults.next(1, { kind: 'echo', as: 'http', maxChars: 40 });
      const response = await callCommand(sim, 'getuserdata');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      const cut = JSON.stringify({ ...sim.credentials, cmd: 'getuserdata' }).slice(0, 40);
      expect(response.text).toContain(cut.replace(/"/g, '&quot;'));
    });
  });

  describe("{ kind: 'status', retryAfter }", () => {
    it('sends any Retry-After text as given', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'status', status: 429, retryAfter: '9'.repeat(30) });
      expect((await callCommand(sim, 'getuserdata')).headers.get('retry-after')).toBe('9'.repeat(30));
    });
  });

  describe('quirks', () => {
    it("leaves the invited list out under invitedList 'omitted'; lists it, [] when empty, by default", async () => {
      const omitted = await start({ quirks: { invitedList: 'omitted' } });
      omitted.state.addUser({ username: 'pending@example.com', invited: true });
      const body = (await callCommand(omitted, 'getuserdata')).json;
      expect(body.invited).toBeUndefined();
      expect(body.Users[Object.keys(body.Users)[0]!].neverloggedin).toBe(true);
      const listed = await start();
      listed.state.addUser({ username: 'active@example.com' });
      expect((await callCommand(listed, 'getuserdata')).json.invited).toEqual([]);
    });

    it("matches a username lookup only as stored under userNameLookup 'exact'", async () => {
      const sim = await start({ quirks: { userNameLookup: 'exact' } });
      sim.state.addUser({ username: 'Mary.Ann@example.com' });
      const exact = await callCommand(sim, 'getuserdata', { username: 'Mary.Ann@example.com' });
      expect(usernamesOf(exact.json)).toEqual(['Mary.Ann@example.com']);
      const other = await callCommand(sim, 'getuserdata', { username: 'mary.ann@example.com' });
      expect(other.json).toEqual({ Users: [] });
    });
  });
});

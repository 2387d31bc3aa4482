import { describe, expect, it, vi } from 'vitest';
import { callCommand, useSimulator } from './simulator-test-helpers.js';
import { AUTH_ERROR_XML } from './wire-format.js';

const add = (username: string) => [{ username }];

describe('SimulatorFaults', () => {
  const start = useSimulator();

  describe('.next', () => {
    it('answers 429 with Retry-After, then recovers', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'status', status: 429, retryAfterSeconds: 7 });
      const throttled = await callCommand(sim, 'getuserdata');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('7');
      expect((await callCommand(sim, 'getuserdata')).status).toBe(200);
      expect(sim.requests.map((request) => request.status)).toEqual([429, 200]);
    });

    it.each([500, 502, 503] as const)('answers %s without running the command', async (status) => {
      const sim = await start();
      sim.faults.next(1, { kind: 'status', status });
      expect((await callCommand(sim, 'batchadd', add('a@example.com'))).status).toBe(status);
      expect(sim.state.userCount).toBe(0);
    });

    it('only hits the matching cmd', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'status', status: 503 }, { cmd: 'batchadd' });
      expect((await callCommand(sim, 'getuserdata')).status).toBe(200);
      expect((await callCommand(sim, 'batchadd', add('a@example.com'))).status).toBe(503);
      expect(sim.faults.pending).toBe(0);
    });

    it('drop: destroys the connection so fetch rejects', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'drop' });
      await expect(callCommand(sim, 'batchadd', add('a@example.com'))).rejects.toThrow();
      expect(sim.state.userCount).toBe(0);
      expect(sim.requests[0]).toMatchObject({ status: 0, fault: 'drop' });
    });

    it('drop with applyWrite: the write happens, the answer is lost', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'drop', applyWrite: true });
      await expect(callCommand(sim, 'batchadd', add('a@example.com'))).rejects.toThrow();
      expect(sim.state.getUserByName('a@example.com')).toBeDefined();
    });

    it('slow: answers after the client gave up, and still applies the write by default', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'slow', delayMs: 2_000 });
      const signal = AbortSignal.timeout(100);
      await expect(callCommand(sim, 'batchadd', add('a@example.com'), { signal })).rejects.toThrow();
      await vi.waitFor(() => expect(sim.state.getUserByName('a@example.com')).toBeDefined());
    });

    it('slow with applyWrite false: nothing is written, a late 504 follows', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'slow', delayMs: 50, applyWrite: false });
      expect((await callCommand(sim, 'batchadd', add('a@example.com'))).status).toBe(504);
      expect(sim.state.userCount).toBe(0);
    });

    it('slow: a patient client gets the normal answer', async () => {
      const sim = await start();
      sim.faults.next(1, { kind: 'slow', delayMs: 20 });
      expect((await callCommand(sim, 'batchadd', add('a@example.com'))).json).toEqual({ status: 'OK' });
    });

    it('malformed: a truncated body that does not parse as JSON', async () => {
      const sim = await start({ seed: { users: 3 } });
      sim.faults.next(1, { kind: 'malformed' });
      const response = await callCommand(sim, 'getuserdata');
      expect(response.status).toBe(200);
      expect(response.json).toBeUndefined();
      expect(response.text.length).toBeGreaterThan(0);
    });

    it('auth: answers the XML auth error with valid credentials', async () => {
      const sim = await start();
      sim.faults.next(2, { kind: 'auth' });
      expect((await callCommand(sim, 'getuserdata')).text).toBe(AUTH_ERROR_XML);
      expect((await callCommand(sim, 'getuserdata')).text).toBe(AUTH_ERROR_XML);
      expect((await callCommand(sim, 'getuserdata')).text).not.toBe(AUTH_ERROR_XML);
    });

    it('rejects an invalid fault with invalid_input', async () => {
      const sim = await start();
      expect(() => sim.faults.next(1, { kind: 'status', status: 404 as 429 })).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    });
  });

  describe('.rate', () => {
    it('fires by probability and stops after clear()', async () => {
      const sim = await start();
      sim.faults.rate(1, { kind: 'status', status: 503 });
      sim.faults.rate(0, { kind: 'drop' });
      expect((await callCommand(sim, 'getuserdata')).status).toBe(503);
      sim.faults.clear();
      expect((await callCommand(sim, 'getuserdata')).status).toBe(200);
    });

    it('is deterministic for a given seed', async () => {
      const pattern = async () => {
        const sim = await start({ seed: { random: 42 } });
        sim.faults.rate(0.5, { kind: 'status', status: 500 });
        const statuses = [];
        for (let i = 0; i < 12; i++) statuses.push((await callCommand(sim, 'getuserdata')).status);
        return statuses;
      };
      const first = await pattern();
      expect(await pattern()).toEqual(first);
      expect(new Set(first)).toEqual(new Set([200, 500]));
    });
  });

  describe('.throttleAbovePageSize', () => {
    it('answers 429 to reads larger than the limit and lets paged reads through', async () => {
      const sim = await start({ seed: { users: 30 } });
      sim.faults.throttleAbovePageSize(10, { retryAfterSeconds: 2 });
      const unpaged = await callCommand(sim, 'getuserdata');
      expect(unpaged.status).toBe(429);
      expect(unpaged.headers.get('retry-after')).toBe('2');
      expect((await callCommand(sim, 'getuserdata', { pagesize: 10, pageindex: 0 })).status).toBe(200);
      expect(sim.requests.at(0)).toMatchObject({ status: 429, fault: 'status' });
    });

    it('can target getdetailedsfdata only (§4.10)', async () => {
      const sim = await start({ seed: { users: 30 } });
      sim.faults.throttleAbovePageSize(1, { cmd: 'getdetailedsfdata' });
      expect((await callCommand(sim, 'getdetailedsfdata', 'all')).status).toBe(429);
      expect(
        (await callCommand(sim, 'getdetailedsfdata', { data: 'all', pagesize: 1, pageindex: 0 })).status,
      ).toBe(200);
      expect((await callCommand(sim, 'getsfdata', 'all')).status).toBe(200);
    });
  });
});

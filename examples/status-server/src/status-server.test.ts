import { randomBytes } from 'node:crypto';
import { createLogger, UnavailableError } from '@provisionkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoKit, openDemoKit } from './demo-kit.js';
import { type StatusServer, startStatusServer } from './status-server.js';

const PROVHASH = `canary${randomBytes(29).toString('hex')}`;
const lines: string[] = [];
const bodies: string[] = [];
let demo: DemoKit;
let server: StatusServer;

beforeAll(async () => {
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  demo = await openDemoKit({ logger, provhash: PROVHASH });
  server = await startStatusServer(demo.kit, { port: 0 });
});
afterAll(async () => {
  await server?.close();
  await demo?.close();
});

async function call(path: string, init?: RequestInit) {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  bodies.push(text);
  return { response, text, json: text === '' ? undefined : JSON.parse(text) };
}

describe('startStatusServer', () => {
  describe('GET /status', () => {
    it('answers every connection as JSON: state, credentials and failures', async () => {
      const { response, json } = await call('/status');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(json.connections.map((status: { tenant: string }) => status.tenant)).toEqual([
        'acme',
        'globex',
        'initech',
      ]);
      expect(json.connections[0]).toMatchObject({ provider: 'mock', state: 'healthy', quarantined: false });
      expect(json.connections[1]).toMatchObject({
        provider: 'mock',
        state: 'unhealthy',
        credentials: { status: 'invalid' },
        lastError: { code: 'authentication', operation: 'verifyCredentials' },
        consecutiveFailures: 1,
      });
      expect(json.connections[2]).toMatchObject({
        provider: 'lastpass',
        state: 'healthy',
        credentials: { status: 'valid' },
        connectionId: expect.any(String),
      });
    });

    it('answers the same with a trailing slash and a query string', async () => {
      const { response, json } = await call('/status/?pretty=1');
      expect(response.status).toBe(200);
      expect(json.connections).toHaveLength(3);
    });
  });

  describe('GET /status/:tenant', () => {
    it("answers one tenant's connections", async () => {
      const { response, json } = await call('/status/initech');
      expect(response.status).toBe(200);
      expect(json).toMatchObject({ tenant: 'initech', connections: [{ provider: 'lastpass' }] });
      expect(json.connections).toHaveLength(1);
    });

    it('answers 404 as JSON for a tenant without a connection, and for ids no tenant can have', async () => {
      const unknown = await call('/status/nobody');
      expect(unknown.response.status).toBe(404);
      expect(unknown.json).toEqual({ error: { code: 'not_found', tenant: 'nobody' } });
      for (const path of ['/status/%E0%A4%A', '/status/a%2Fb', '/status/acme/mock', '/status/%3Cscript%3E']) {
        const { response, json } = await call(path);
        expect(response.status, path).toBe(404);
        expect(json, path).toEqual({ error: { code: 'not_found' } });
      }
    });

    it('answers HEAD with the headers only', async () => {
      const { response, text } = await call('/status/acme', { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(text).toBe('');
    });
  });

  it('answers 405 with Allow for other methods, 404 for other paths', async () => {
    for (const [method, path] of [
      ['POST', '/status'],
      ['DELETE', '/status/acme'],
      ['PUT', '/status/nobody'],
    ] as const) {
      const { response, json } = await call(path, { method, body: method === 'DELETE' ? null : '{}' });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(json).toEqual({ error: { code: 'method_not_allowed' } });
    }
    const other = await call('/');
    expect(other.response.status).toBe(404);
    expect(other.json).toEqual({ error: { code: 'not_found' } });
  });

  it('shows revoked LastPass credentials as invalid once checked', async () => {
    demo.simulator.state.setProvhash(randomBytes(32).toString('hex'));
    const initech = demo.connections[2]!;
    await expect(initech.directory.getUser({ userName: 'nobody@initech.example' })).rejects.toMatchObject({
      code: 'authentication',
    });
    await demo.kit.health.check(initech);
    const { json } = await call('/status/initech');
    expect(json.connections[0]).toMatchObject({
      state: 'unhealthy',
      credentials: { status: 'invalid' },
      lastError: { code: 'authentication', operation: 'verifyCredentials' },
      consecutiveFailures: 2,
    });
  });

  it('answers 500 with the error code only when the statuses cannot be read', async () => {
    const failing = await startStatusServer(
      {
        status: () => Promise.reject(new UnavailableError(`store down; provhash=${PROVHASH}`)),
      },
      { port: 0 },
    );
    try {
      const response = await fetch(`${failing.url}/status`);
      const text = await response.text();
      bodies.push(text);
      expect(response.status).toBe(500);
      expect(JSON.parse(text)).toEqual({ error: { code: 'unavailable' } });
    } finally {
      await failing.close();
    }
  });

  it('never sent the provisioning hash, whole or in part, in an answer or a log line', () => {
    expect(bodies.length).toBeGreaterThan(10);
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...bodies, ...lines]) {
      expect(text).not.toContain(PROVHASH);
      expect(text).not.toContain(PROVHASH.slice(20, 44));
    }
  });
});

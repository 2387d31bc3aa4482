import { randomUUID } from 'node:crypto';
import { createLogger, createProvisionKit, type ProvisionKit, silentLogger } from '@provisionkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { helpdeskProvider } from './index.js';
import { HelpdeskServer, type HelpdeskServerOptions } from './testing/index.js';

// What the contract suite cannot see: Helpdesk's own rules over real HTTP, and the canary secret.
describe('HelpdeskDirectory', () => {
  const apiToken = `hd_${randomUUID()}`;
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function serve(options: Partial<HelpdeskServerOptions> = {}): Promise<HelpdeskServer> {
    const server = await HelpdeskServer.start({ apiToken, ...options });
    cleanups.push(() => server.stop());
    return server;
  }

  /** A connection to `server` through a kit of its own, logging into `lines` at debug when given. */
  async function connect(server: HelpdeskServer, options: { token?: string; lines?: string[] } = {}) {
    const { lines } = options;
    const logger = lines
      ? createLogger({ level: 'debug', destination: { write: (line) => lines.push(line) } })
      : silentLogger();
    const kit: ProvisionKit = createProvisionKit({ plugins: [helpdeskProvider], logger });
    cleanups.push(() => kit.close());
    const config = { baseUrl: server.baseUrl, apiToken: options.token ?? apiToken };
    return kit.connect({ provider: 'helpdesk', tenant: 'acme', config });
  }

  describe('.listUsers', () => {
    it('asks for pageSize agents per request, following the cursor to the last page', async () => {
      const server = await serve();
      const { directory } = await connect(server);
      await directory.createUsers(Array.from({ length: 12 }, (_, n) => ({ userName: `a${n}@example.test` })));
      server.requests.length = 0;
      const names: string[] = [];
      for await (const user of directory.listUsers({ pageSize: 5 })) names.push(user.userName);
      expect(names).toHaveLength(12);
      expect(server.requests).toEqual([
        'GET /agents?limit=5',
        'GET /agents?limit=5&cursor=5',
        'GET /agents?limit=5&cursor=10',
      ]);
    });
  });

  describe('.createUser', () => {
    it('waits out a 429 as long as Retry-After says, then creates the user once', async () => {
      const server = await serve();
      const { directory } = await connect(server);
      server.throttleNext(1, 1);
      const user = await directory.createUser({ userName: 'slow@example.test' });
      expect(user.userName).toBe('slow@example.test');
      expect(server.requests).toEqual(['POST /agents', 'POST /agents']);
      expect(server.account.agents.size).toBe(1);
    });

    it('settles a create whose answer was lost by reading the login, without creating it twice', async () => {
      const server = await serve();
      const { directory } = await connect(server);
      server.dropNextCreateAnswer();
      const user = await directory.createUser({ userName: 'Lost@example.test', displayName: 'Lost Answer' });
      expect(user).toMatchObject({ userName: 'Lost@example.test', displayName: 'Lost Answer' });
      expect(server.requests).toEqual(['POST /agents', 'GET /agents/by-login/Lost%40example.test']);
      expect(server.account.agents.size).toBe(1);
    });

    it('gives the seat of the connection config to new agents', async () => {
      const server = await serve();
      const kit = createProvisionKit({ plugins: [helpdeskProvider], logger: silentLogger() });
      cleanups.push(() => kit.close());
      const config = { baseUrl: server.baseUrl, apiToken, seatType: 'light' };
      const { directory } = await kit.connect({ provider: 'helpdesk', tenant: 'acme', config });
      const { id } = await directory.createUser({ userName: 'ada@example.test' });
      expect(server.account.agents.get(id)?.seat).toBe('light');
    });
  });

  describe('.getUser', () => {
    it('stops a request in flight when the connection closes', async () => {
      const server = await serve();
      const connection = await connect(server);
      const { id } = await connection.directory.createUser({ userName: 'ada@example.test' });
      server.stallNext();
      const pending = connection.directory.getUser({ id });
      await vi.waitFor(() => expect(server.requests).toHaveLength(2));
      await connection.close();
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
      await vi.waitFor(() => expect(server.abandoned).toBe(1));
    });
  });

  describe('.verifyCredentials', () => {
    it('reports insufficient_permissions for a read-only token', async () => {
      const { directory } = await connect(await serve({ scopes: ['agents:read'] }));
      expect((await directory.verifyCredentials()).status).toBe('insufficient_permissions');
    });

    it('reports unreachable when Helpdesk does not answer', async () => {
      const server = await serve();
      const { directory } = await connect(server);
      await server.stop();
      expect((await directory.verifyCredentials()).status).toBe('unreachable');
    });
  });

  describe('secrets', () => {
    it('never shows a token in a log line or an error, though Helpdesk quotes it in its 401', async () => {
      const lines: string[] = [];
      const server = await serve();
      const good = (await connect(server, { lines })).directory;
      const wrongToken = `hd_${randomUUID()}`;
      const bad = (await connect(server, { lines, token: wrongToken })).directory;
      await good.createUser({ userName: 'ada@example.test' });
      await good.createUser({ userName: 'ADA@example.test' }).catch(() => undefined);
      for await (const _user of good.listUsers()) break;
      const refused = await bad.getUser({ userName: 'ada@example.test' }).catch((error) => error);
      expect(refused.code).toBe('authentication');
      expect(await bad.verifyCredentials()).toMatchObject({ status: 'invalid' });
      expect(JSON.stringify(refused)).not.toContain(wrongToken);
      expect(lines.length).toBeGreaterThanOrEqual(8);
      expect(lines.join('\n')).not.toContain(apiToken);
      expect(lines.join('\n')).not.toContain(wrongToken);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { createLogger, createProvisionKit, type ProvisionKit, silentLogger } from '@provisionkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HelpdeskApi, HelpdeskApiFailure } from './helpdesk-api.js';
import { HelpdeskSandbox } from './helpdesk-sandbox.js';
import { helpdeskProvider } from './index.js';

// What the contract suite cannot see: Helpdesk's own rules, and the canary secret in the logs.
describe('HelpdeskUserDirectory', () => {
  const apiToken = `hd_${randomUUID()}`;
  let kit: ProvisionKit | undefined;
  afterEach(async () => {
    await kit?.close();
    kit = undefined;
  });

  /** A connection through the test's kit; the first call creates the kit, logging into `lines` if given. */
  async function open(sandbox: HelpdeskSandbox, options: { token?: string; lines?: string[] } = {}) {
    const { lines } = options;
    const logger = lines
      ? createLogger({ level: 'debug', destination: { write: (line) => lines.push(line) } })
      : silentLogger();
    kit ??= createProvisionKit({ plugins: [helpdeskProvider], logger });
    const config = { baseUrl: sandbox.baseUrl, apiToken: options.token ?? apiToken, seatType: 'light' };
    return (await kit.connect({ provider: 'helpdesk', tenant: 'acme', config })).directory;
  }

  describe('signal', () => {
    /** A connection to a fresh sandbox, and the connection's `HelpdeskApi` to spy on. */
    async function openWithApi() {
      const sandbox = new HelpdeskSandbox({ apiToken });
      kit = createProvisionKit({ plugins: [helpdeskProvider], logger: silentLogger() });
      const config = { baseUrl: sandbox.baseUrl, apiToken };
      const connection = await kit.connect({ provider: 'helpdesk', tenant: 'acme', config });
      return { connection, api: connection.get<HelpdeskApi>(HelpdeskApi) };
    }

    it("hands every Helpdesk request the operation's signal, which closing the connection aborts", async () => {
      const { connection, api } = await openWithApi();
      const created = await connection.directory.createUser({ userName: 'ada@example.test' });
      const listAgents = vi.spyOn(api, 'listAgents');
      for await (const _user of connection.directory.listUsers()) break;
      expect(listAgents.mock.calls[0]?.[1]).toBeInstanceOf(AbortSignal);
      // A request held in flight (a slow server) ends as soon as the connection closes.
      const getAgent = vi.spyOn(api, 'getAgent').mockImplementation(
        (_id, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(new HelpdeskApiFailure(0, 'aborted')));
          }),
      );
      const pending = connection.directory.getUser({ id: created.id });
      await vi.waitFor(() => expect(getAgent).toHaveBeenCalled());
      expect(getAgent.mock.calls[0]?.[1]).toBeInstanceOf(AbortSignal);
      await connection.close();
      await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    });

    it('fails a request whose signal aborted as Helpdesk would: no answer (status 0)', async () => {
      const { api } = await openWithApi();
      await expect(api.whoAmI(AbortSignal.abort())).rejects.toMatchObject({ status: 0, error: 'aborted' });
    });
  });

  describe('.createUser', () => {
    it('refuses groups with unsupported_operation instead of dropping them', async () => {
      const directory = await open(new HelpdeskSandbox({ apiToken }));
      const error = await directory
        .createUser({ userName: 'ada@example.test', groups: ['admins'] })
        .catch((e) => e);
      expect(error.code).toBe('unsupported_operation');
      expect(await directory.createUser({ userName: 'ada@example.test' })).toMatchObject({
        status: 'active',
      });
    });
  });

  describe('.createUsers', () => {
    it('fails an item with groups alone and creates the others', async () => {
      const directory = await open(new HelpdeskSandbox({ apiToken }));
      const result = await directory.createUsers([
        { userName: 'ada@example.test', groups: ['admins'] },
        { userName: 'grace@example.test' },
      ]);
      expect(result.items.map((item) => (item.ok ? 'created' : item.error.code))).toEqual([
        'unsupported_operation',
        'created',
      ]);
    });
  });

  describe('.verifyCredentials', () => {
    it('reports insufficient_permissions for a read-only token', async () => {
      const directory = await open(new HelpdeskSandbox({ apiToken, scopes: ['agents:read'] }));
      expect((await directory.verifyCredentials()).status).toBe('insufficient_permissions');
    });

    it('reports unreachable when Helpdesk does not answer', async () => {
      const sandbox = new HelpdeskSandbox({ apiToken });
      const directory = await open(sandbox);
      sandbox.stop();
      expect((await directory.verifyCredentials()).status).toBe('unreachable');
    });
  });

  describe('secrets', () => {
    it('never writes a token to the log, on success or failure, even at debug level', async () => {
      const lines: string[] = [];
      const sandbox = new HelpdeskSandbox({ apiToken });
      const good = await open(sandbox, { lines });
      const wrongToken = `hd_${randomUUID()}`;
      const bad = await open(sandbox, { token: wrongToken });
      await good.createUser({ userName: 'ada@example.test' });
      await good.createUser({ userName: 'ADA@example.test' }).catch(() => undefined);
      for await (const _user of good.listUsers()) break;
      const refused = await bad.getUser({ userName: 'ada@example.test' }).catch((error) => error);
      await bad.verifyCredentials();
      expect(refused.code).toBe('authentication');
      expect(JSON.stringify(refused)).not.toContain(wrongToken);
      expect(lines.length).toBeGreaterThanOrEqual(4);
      expect(lines.join('\n')).not.toContain(apiToken);
      expect(lines.join('\n')).not.toContain(wrongToken);
    });
  });
});

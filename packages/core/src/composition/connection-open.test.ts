import { ContainerModule, inject, injectable } from 'inversify';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createLogger, silentLogger } from '../logging/create-logger.js';
import { rejection } from '../middleware/fake-directory-test-helpers.js';
import { secret } from '../model/secret.js';
import type { User, UserRef } from '../model/user.js';
import type { ProviderCapabilities } from '../spi/provider-capabilities.js';
import type { ProviderDirectory } from '../spi/provider-directory.js';
import { ConnectionConfig, defineProviderPlugin, type ProviderPlugin } from '../spi/provider-plugin.js';
import { UserDirectory } from '../spi/user-directory.js';
import { createProvisionKit } from './create-provision-kit.js';

const API_KEY = 'canary-0f1e2d3c4b5a';
const CAPABILITIES: ProviderCapabilities = {
  verbs: ['getUser', 'createUser'],
  maxPageSize: 100,
  defaultPageSize: 50,
  creatableFields: ['email'],
};
const configSchema = z.object({ apiKey: secret(z.string().min(8)), pageSize: z.number().default(50) });

const Client = Symbol.for('@provisionkit/core-test/Client');
const Report = Symbol.for('@provisionkit/core-test/Report');

class FakeClient {
  constructor(readonly apiKey: string) {}
}

/** Only the verbs it declares: getUser and createUser (createUsers is derived by core). */
class SmallDirectory implements ProviderDirectory<'getUser' | 'createUser'> {
  constructor(readonly client: FakeClient) {}
  async getUser(ref: UserRef): Promise<User> {
    return user('id' in ref ? ref.id : '1');
  }
  async createUser(input: { userName: string }): Promise<User> {
    return user('9', input.userName);
  }
}

@injectable()
class ReportService {
  constructor(@inject(Client) readonly client: FakeClient) {}
}

function user(id: string, userName = `user${id}@example.com`): User {
  return { id, userName, status: 'active', isAdmin: false, groups: [], attributes: {} };
}

function plugin(
  overrides: Partial<ProviderPlugin<typeof configSchema>> = {},
): ProviderPlugin<typeof configSchema> {
  return defineProviderPlugin({
    id: 'small',
    displayName: 'Small',
    configSchema,
    capabilities: CAPABILITIES,
    createDirectory: ({ config, provide }) =>
      new SmallDirectory(provide(Client, new FakeClient(config.apiKey))),
    ...overrides,
  });
}

function memoryLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ destination: { write: (line: string) => lines.push(line) } }) };
}

const connect = (kitPlugin: ProviderPlugin<typeof configSchema>, logger = silentLogger()) =>
  createProvisionKit({ plugins: [kitPlugin], logger }).connect({
    provider: 'small',
    tenant: 't',
    config: { apiKey: API_KEY },
  });

describe('createProvisionKit', () => {
  it('refuses a plugin whose capabilities contradict themselves, naming the field', () => {
    const inconsistent = plugin({
      capabilities: { ...CAPABILITIES, defaultPageSize: 500, maxPageSize: 100 },
    });
    expect(() => createProvisionKit({ plugins: [inconsistent] })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'plugins.0.capabilities.defaultPageSize' })],
      }),
    );
  });

  it('refuses a plugin that can build no directory', () => {
    const { createDirectory: _none, ...empty } = plugin();
    expect(() => createProvisionKit({ plugins: [empty as ProviderPlugin] })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'plugins.0.createDirectory' })],
      }),
    );
  });
});

describe('ProvisionKit', () => {
  describe('.connect with createDirectory', () => {
    it('builds the directory from the config and serves the derived verbs', async () => {
      const connection = await connect(plugin());
      const inner = connection.get<SmallDirectory>(UserDirectory);
      expect(inner).toBeInstanceOf(SmallDirectory);
      expect(inner.client.apiKey).toBe(API_KEY);
      expect(connection.directory.capabilities.verbs).toEqual(['getUser', 'createUser', 'createUsers']);
      const batch = await connection.directory.createUsers([
        { userName: 'a@x.test' },
        { userName: 'b@x.test' },
      ]);
      expect(batch.succeeded).toBe(2);
    });

    it('returns provided instances from get() and loads the module only when another token is asked for', async () => {
      const createModule = vi.fn(
        () =>
          new ContainerModule(({ bind }) => {
            bind(Client).toDynamicValue(() => new FakeClient('from-the-module'));
            bind(Report).to(ReportService);
          }),
      );
      const connection = await connect(plugin({ createModule }));
      const client = connection.get<FakeClient>(Client);
      expect(client).toBe(connection.get<SmallDirectory>(UserDirectory).client);
      expect(createModule).not.toHaveBeenCalled();
      // The module's service shares the directory's client, not a second one of its own.
      expect(connection.get<ReportService>(Report).client).toBe(client);
      expect(createModule).toHaveBeenCalledTimes(1);
      expect(connection.get(ConnectionConfig)).toMatchObject({ apiKey: API_KEY });
      await connection.close();
    });

    it('refuses an unknown token with invalid_input', async () => {
      const connection = await connect(plugin());
      expect(() => connection.get(Symbol('unbound'))).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    });

    it('refuses a directory that lacks a declared verb, naming the verb, and logs why', async () => {
      const { lines, logger } = memoryLogger();
      const declared = plugin({
        capabilities: { ...CAPABILITIES, verbs: ['getUser', 'createUser', 'purgeUser'] },
      });
      const error = await rejection(connect(declared, logger));
      expect(error.code).toBe('provider_error');
      expect(error.message).toContain('purgeUser');
      expect(error.details).toEqual({ missing: ['purgeUser'] });
      expect(lines.join('\n')).toContain('purgeUser');
    });
  });

  describe('.connect with refineCapabilities', () => {
    const refining = plugin({ refineCapabilities: (config) => ({ defaultPageSize: config.pageSize }) });
    const open = (pageSize: number) =>
      createProvisionKit({ plugins: [refining], logger: silentLogger() }).connect({
        provider: 'small',
        tenant: 't',
        config: { apiKey: API_KEY, pageSize },
      });

    it('gives each connection the capabilities of its config, shared between equal configs', async () => {
      const kit = createProvisionKit({ plugins: [refining], logger: silentLogger() });
      const config = (pageSize: number) => ({
        provider: 'small',
        tenant: 't',
        config: { apiKey: API_KEY, pageSize },
      });
      const [a, b, c] = [
        await kit.connect(config(10)),
        await kit.connect(config(10)),
        await kit.connect(config(20)),
      ];
      expect(a.directory.capabilities.defaultPageSize).toBe(10);
      expect(c.directory.capabilities.defaultPageSize).toBe(20);
      expect(a.directory.capabilities).toBe(b.directory.capabilities);
    });

    it('refuses a refinement the declaration cannot take with provider_error naming the field', async () => {
      const error = await rejection(open(500));
      expect(error.code).toBe('provider_error');
      expect(error.message).toContain('defaultPageSize');
    });
  });

  describe('.connect failures name their cause', () => {
    @injectable()
    class NeedsClient {
      constructor(@inject(Client) readonly client: FakeClient) {}
    }
    class NoInject {
      constructor(readonly client: FakeClient) {}
    }
    const withModule = (
      load: (
        bind: (id: symbol) => { to: (c: unknown) => unknown; toDynamicValue: (f: () => unknown) => unknown },
      ) => void,
    ): ProviderPlugin<typeof configSchema> => {
      const { createDirectory: _none, ...rest } = plugin();
      return { ...rest, createModule: () => new ContainerModule(({ bind }) => load(bind as never)) };
    };

    it('names the missing binding and who needed it', async () => {
      const error = await rejection(connect(withModule((bind) => bind(UserDirectory).to(NeedsClient))));
      expect(error.code).toBe('provider_error');
      expect(error.message).toMatch(
        /failed to open the connection: Error: No bindings found for service: .*core-test\/Client/,
      );
      expect(error.message).toContain('UserDirectory');
    });

    it('names the class whose constructor lacks @inject', async () => {
      const error = await rejection(connect(withModule((bind) => bind(UserDirectory).to(NoInject))));
      expect(error.message).toContain('NoInject');
      expect(error.message).toContain('@inject');
    });

    it("quotes a failing factory's message and its cause, without the config's secret", async () => {
      const { lines, logger } = memoryLogger();
      const failing = withModule((bind) =>
        bind(UserDirectory).toDynamicValue(() => {
          throw new Error(`cannot reach https://api.example?key=${API_KEY}`, {
            cause: new Error('ECONNREFUSED'),
          });
        }),
      );
      const error = await rejection(connect(failing, logger));
      expect(error.message).toContain('cannot reach https://api.example?key=');
      expect(error.message).toContain('(caused by Error: ECONNREFUSED)');
      const everything = `${error.message} ${JSON.stringify(error)} ${lines.join('\n')}`;
      expect(everything).not.toContain(API_KEY);
      const line = JSON.parse(lines.find((entry) => entry.includes('connection failed'))!) as {
        error: { cause: { message: string; cause: { message: string } } };
      };
      expect(line.error.cause.cause.message).toBe('ECONNREFUSED');
    });

    it('describes a thrown string', async () => {
      const throwing = plugin({
        createDirectory: () => {
          throw 'config service down';
        },
      });
      expect((await rejection(connect(throwing))).message).toContain('a thrown string: config service down');
    });
  });
});

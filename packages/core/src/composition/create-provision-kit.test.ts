import { inspect } from 'node:util';
import { ContainerModule, inject, injectable } from 'inversify';
import type { DestinationStream } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AuthenticationError } from '../errors/error-classes.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { createLogger } from '../logging/create-logger.js';
import { rejection } from '../middleware/fake-directory-test-helpers.js';
import { isWrappedDirectory } from '../middleware/wrapped-directory.js';
import { secret } from '../model/secret.js';
import type { User, UserRef } from '../model/user.js';
import type { CredentialCheck } from '../spi/credential-check.js';
import type { ProviderCapabilities } from '../spi/provider-capabilities.js';
import {
  ConnectionConfig,
  ConnectionContext,
  defineProviderPlugin,
  type ProviderPlugin,
} from '../spi/provider-plugin.js';
import { UserDirectory } from '../spi/user-directory.js';
import { createProvisionKit } from './create-provision-kit.js';
import { Logger } from './logger.js';
import { type ConnectionOperationEvent, ProviderPlugins, ProvisionKit } from './provision-kit.js';

const API_KEY = 'canary-9f8e7d6c5b4a';

const FakeConfig = z.object({
  account: z.string().min(3),
  apiKey: secret(z.string().min(8)),
  region: z.enum(['eu', 'us']).default('eu'),
});
type FakeConfig = z.output<typeof FakeConfig>;

const CAPABILITIES: ProviderCapabilities = {
  verbs: ['getUser', 'verifyCredentials'],
  maxPageSize: 100,
  defaultPageSize: 50,
};

/** A provider class written the way real providers are: injected config, context and logger. */
@injectable()
class FakeDirectory {
  readonly provider = 'fake';
  readonly capabilities = CAPABILITIES;
  closed = false;

  constructor(
    @inject(ConnectionConfig) readonly config: FakeConfig,
    @inject(ConnectionContext) readonly context: ConnectionContext,
    @inject(Logger) readonly logger: Logger,
  ) {}

  async getUser(ref: UserRef): Promise<User> {
    // A careless provider logging its key: the connection logger must still not write it.
    this.logger.info({ apiKey: this.config.apiKey, note: `key ${this.config.apiKey}` }, 'calling the API');
    return {
      id: 'id' in ref ? ref.id : '1',
      userName: 'ada@example.com',
      status: 'active',
      isAdmin: false,
      groups: [],
      attributes: {},
    };
  }

  async verifyCredentials(): Promise<CredentialCheck> {
    throw new AuthenticationError(`key ${this.config.apiKey} refused`);
  }

  close(): void {
    this.closed = true;
  }
}

/** Holds every getUser until its signal aborts, and records what happened in which order. */
@injectable()
class HoldingDirectory {
  readonly provider = 'holding';
  readonly capabilities = CAPABILITIES;
  readonly log: string[] = [];
  started = 0;
  getUser(_ref: UserRef, options?: { signal?: AbortSignal }): Promise<User> {
    this.started += 1;
    return new Promise((_resolve, reject) => {
      options?.signal?.addEventListener('abort', () => {
        this.log.push('signal aborted');
        reject(new Error('socket hang up'));
      });
    });
  }
  async verifyCredentials(): Promise<CredentialCheck> {
    return { status: 'valid', checkedAt: new Date().toISOString() };
  }
  close(): void {
    this.log.push('provider closed');
  }
}

const holdingPlugin = defineProviderPlugin({
  id: 'holding',
  displayName: 'Holding',
  configSchema: z.object({}),
  capabilities: CAPABILITIES,
  createModule: () =>
    new ContainerModule(({ bind }) => {
      bind(UserDirectory).to(HoldingDirectory).inSingletonScope();
    }),
});

const fakePlugin = defineProviderPlugin({
  id: 'fake',
  displayName: 'Fake',
  configSchema: FakeConfig,
  capabilities: CAPABILITIES,
  createModule: () =>
    new ContainerModule(({ bind }) => {
      bind(UserDirectory).to(FakeDirectory).inSingletonScope();
    }),
});

const brokenPlugin = defineProviderPlugin({
  ...fakePlugin,
  id: 'broken',
  createModule: () =>
    new ContainerModule(({ bind }) => {
      bind(UserDirectory).toDynamicValue((context) => {
        throw new Error(`cannot start with ${context.get<FakeConfig>(ConnectionConfig).apiKey}`);
      });
    }),
});

const CONFIG = { account: 'acme', apiKey: API_KEY };

function memoryStream(): DestinationStream & { text: string; lines(): Record<string, unknown>[] } {
  const stream = {
    text: '',
    write(line: string) {
      stream.text += line;
    },
    lines: () =>
      stream.text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
  return stream;
}

function kitWith(plugins: readonly ProviderPlugin[] = [fakePlugin, brokenPlugin]) {
  const destination = memoryStream();
  const events: ConnectionOperationEvent[] = [];
  const kit = createProvisionKit({
    plugins,
    logger: createLogger({ destination }),
    onOperation: (event) => events.push(event),
  });
  return { kit, destination, events };
}

function paths(error: ProvisioningError): string[] {
  return ((error.details?.issues ?? []) as { path: string }[]).map((issue) => issue.path);
}

describe('createProvisionKit', () => {
  it('binds the root logger, the plugins and itself in the root container', () => {
    const { kit } = kitWith();
    expect(kit.container.get(ProviderPlugins)).toBe(kit.plugins);
    expect(kit.container.get(ProvisionKit)).toBe(kit);
    expect(kit.container.get<Logger>(Logger).info).toBeTypeOf('function');
  });

  it('rejects duplicate plugin ids naming the duplicate', () => {
    expect(() => createProvisionKit({ plugins: [fakePlugin, { ...fakePlugin }] })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'plugins.1.id' })],
      }),
    );
  });

  it('rejects a plugin whose descriptor is incomplete', () => {
    const incomplete = { ...fakePlugin, capabilities: { ...CAPABILITIES, verbs: [] } };
    const shapeless = { id: 'x' } as unknown as ProviderPlugin;
    for (const plugins of [[incomplete], [shapeless]]) {
      expect(() => createProvisionKit({ plugins })).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
  });

  describe('.connect', () => {
    it('gives two tenants of one provider separate containers, configs and instances', async () => {
      const { kit } = kitWith();
      const a = await kit.connect({ provider: 'fake', tenant: 'tenant-a', config: CONFIG });
      const b = await kit.connect({
        provider: 'fake',
        tenant: 'tenant-b',
        config: { account: 'globex', apiKey: 'another-key-1' },
      });
      const innerA = a.get<FakeDirectory>(UserDirectory);
      const innerB = b.get<FakeDirectory>(UserDirectory);
      expect(innerA).not.toBe(innerB);
      expect([innerA.config.account, innerB.config.account]).toEqual(['acme', 'globex']);
      expect(innerA.config.region).toBe('eu');
      expect([a.context.tenant, b.context.tenant]).toEqual(['tenant-a', 'tenant-b']);
      expect(a.context.connectionId).not.toBe(b.context.connectionId);
      expect(a.directory).not.toBe(b.directory);
      expect(isWrappedDirectory(a.directory)).toBe(true);
    });

    it('rejects an unknown provider, naming the field', async () => {
      const error = await rejection(kitWith().kit.connect({ provider: 'nope', tenant: 't', config: CONFIG }));
      expect(error.code).toBe('invalid_input');
      expect(paths(error)).toEqual(['provider']);
    });

    it.each([[''], ['has space'], ['x'.repeat(129)], [42]])('rejects the tenant %o', async (tenant) => {
      const error = await rejection(
        kitWith().kit.connect({ provider: 'fake', tenant: tenant as string, config: CONFIG }),
      );
      expect(paths(error)).toEqual(['tenant']);
    });

    it('rejects a bad config naming provider and fields without echoing any received value', async () => {
      const config = { account: 'acct-value-777', apiKey: 'tinykey', region: 'mars-region-1' };
      const error = await rejection(kitWith().kit.connect({ provider: 'fake', tenant: 't', config }));
      expect(error.code).toBe('invalid_input');
      expect(error.provider).toBe('fake');
      expect(paths(error).sort()).toEqual(['config.apiKey', 'config.region']);
      const everything = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
      for (const value of Object.values(config)) expect(everything).not.toContain(value);
    });

    it('logs through a child logger bound to provider and tenant that never writes the config secret', async () => {
      const { kit, destination } = kitWith();
      const connection = await kit.connect({ provider: 'fake', tenant: 'tenant-a', config: CONFIG });
      await connection.directory.getUser({ id: '7' });
      const lines = destination.lines();
      expect(lines.map((line) => line.msg)).toEqual(['calling the API', 'getUser ok']);
      for (const line of lines) expect(line).toMatchObject({ provider: 'fake', tenant: 'tenant-a' });
      expect(destination.text).not.toContain(API_KEY);
    });

    it('scrubs the config secret from errors of the connection', async () => {
      const { kit } = kitWith();
      const connection = await kit.connect({ provider: 'fake', tenant: 't', config: CONFIG });
      const check = await connection.directory.verifyCredentials();
      expect(check.status).toBe('invalid');
      expect(JSON.stringify(check)).not.toContain(API_KEY);
    });

    it('reports operations with tenant and connection id', async () => {
      const { kit, events } = kitWith();
      const connection = await kit.connect({ provider: 'fake', tenant: 't', config: CONFIG });
      await connection.directory.getUser({ id: '1' });
      expect(events).toEqual([
        expect.objectContaining({
          operation: 'getUser',
          tenant: 't',
          connectionId: connection.context.connectionId,
        }),
      ]);
    });

    it('turns a plugin that fails to resolve into a scrubbed provider_error', async () => {
      const error = await rejection(
        kitWith().kit.connect({ provider: 'broken', tenant: 't', config: CONFIG }),
      );
      expect(error.code).toBe('provider_error');
      expect(error.provider).toBe('broken');
      expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(API_KEY);
    });
  });
});

describe('util.inspect', () => {
  it('shows no secret of a kit, its connections, their directories or loggers, even hidden ones', async () => {
    const destination = memoryStream();
    const logger = createLogger({ destination, secrets: ['root-secret-5e6f7a8b'] });
    const kit = createProvisionKit({ plugins: [fakePlugin], logger });
    const connection = await kit.connect({ provider: 'fake', tenant: 't', config: CONFIG });
    await connection.directory.getUser({ id: '1' });
    const connectionLogger = connection.get<Logger>(Logger);
    const options = { showHidden: true, depth: null } as const;
    for (const value of [
      kit,
      connection,
      connection.directory,
      logger,
      connectionLogger,
      connectionLogger.child({}),
    ]) {
      const text = inspect(value, options);
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain('root-secret-5e6f7a8b');
    }
  });
});

describe('Connection', () => {
  describe('.close', () => {
    it('closes the provider directory; the connection then fails with unavailable', async () => {
      const { kit } = kitWith();
      const connection = await kit.connect({ provider: 'fake', tenant: 't', config: CONFIG });
      const inner = connection.get<FakeDirectory>(UserDirectory);
      await connection.close();
      expect(inner.closed).toBe(true);
      expect((await rejection(connection.directory.getUser({ id: '1' }))).code).toBe('unavailable');
      expect(() => connection.get(UserDirectory)).toThrow(expect.objectContaining({ code: 'unavailable' }));
    });
  });

  describe('.close during operations', () => {
    it('cancels operations in flight (connection_closed), aborting their signals before closing the provider', async () => {
      const { kit } = kitWith([holdingPlugin]);
      const connection = await kit.connect({ provider: 'holding', tenant: 't', config: {} });
      const inner = connection.get<HoldingDirectory>(UserDirectory);
      const pending = [connection.directory.getUser({ id: '1' }), connection.directory.getUser({ id: '2' })];
      await vi.waitFor(() => expect(inner.started).toBe(2));
      await connection.close();
      for (const operation of pending) {
        const error = await rejection(operation);
        expect(error.code).toBe('cancelled');
        expect(error.details?.reason).toBe('connection_closed');
      }
      expect(inner.log).toEqual(['signal aborted', 'signal aborted', 'provider closed']);
      expect((await rejection(connection.directory.getUser({ id: '3' }))).code).toBe('unavailable');
      expect(inner.started).toBe(2);
    });
  });

  describe('.get', () => {
    it('rejects a token bound nowhere with invalid_input', async () => {
      const connection = await kitWith().kit.connect({ provider: 'fake', tenant: 't', config: CONFIG });
      expect(() => connection.get(Symbol('unbound'))).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    });
  });
});

describe('ProvisionKit', () => {
  describe('.close', () => {
    it('cancels the operations in flight of every connection', async () => {
      const { kit } = kitWith([holdingPlugin]);
      const a = await kit.connect({ provider: 'holding', tenant: 'a', config: {} });
      const b = await kit.connect({ provider: 'holding', tenant: 'b', config: {} });
      const pending = [a.directory.getUser({ id: '1' }), b.directory.getUser({ id: '1' })];
      await vi.waitFor(() => expect(a.get<HoldingDirectory>(UserDirectory).started).toBe(1));
      await vi.waitFor(() => expect(b.get<HoldingDirectory>(UserDirectory).started).toBe(1));
      await kit.close();
      for (const operation of pending) expect((await rejection(operation)).code).toBe('cancelled');
    });

    it('closes every open connection and refuses new ones', async () => {
      const { kit } = kitWith();
      const connection = await kit.connect({ provider: 'fake', tenant: 't', config: CONFIG });
      const inner = connection.get<FakeDirectory>(UserDirectory);
      await kit.close();
      expect(inner.closed).toBe(true);
      expect((await rejection(kit.connect({ provider: 'fake', tenant: 't', config: CONFIG }))).code).toBe(
        'unavailable',
      );
    });
  });
});

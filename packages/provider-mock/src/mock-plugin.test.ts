import {
  ConnectionConfig,
  ConnectionContext,
  isSecretSchema,
  type UserDirectory,
  UserDirectory as UserDirectoryToken,
} from '@provisionkit/core';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../test/helpers.js';
import { mockConfigSchema } from './mock-config.js';
import { createMockProvider, type MockProviderPlugin, mockProvider } from './mock-plugin.js';
import { MockUserDirectory } from './mock-user-directory.js';

/** What core's `connect()` does, minus the middleware: a child container per connection. */
function connect(plugin: MockProviderPlugin, tenant: string, config: unknown): Container {
  const connection = new Container({ parent: new Container() });
  connection.bind(ConnectionConfig).toConstantValue(plugin.configSchema.parse(config));
  connection
    .bind(ConnectionContext)
    .toConstantValue({ tenant, provider: plugin.id, connectionId: `mock:${tenant}:1` });
  connection.load(plugin.createModule());
  return connection;
}

describe('mockProvider', () => {
  it('describes the mock provider', () => {
    expect(mockProvider).toMatchObject({ id: 'mock', displayName: 'In-memory mock' });
    expect(mockProvider.capabilities.verbs).toHaveLength(15);
  });

  describe('.configSchema', () => {
    it('accepts an empty config and a full one', () => {
      expect(mockConfigSchema.parse({})).toEqual({});
      const full = {
        apiKey: '12345678',
        createsInvitedUsers: true,
        maxBatchSize: 1000,
        seed: [{ userName: 'ada@example.com' }],
      };
      expect(mockProvider.configSchema.parse(full)).toEqual(full);
    });

    it('rejects unknown keys, out-of-range batch sizes, short api keys and invalid seed users', () => {
      for (const config of [
        { apiKye: '12345678' },
        { maxBatchSize: 0 },
        { maxBatchSize: 1001 },
        { apiKey: 'short' },
        { seed: [{ userName: '' }] },
      ]) {
        expect(mockProvider.configSchema.safeParse(config).success).toBe(false);
      }
    });

    it('marks apiKey as secret', () => {
      expect(isSecretSchema(mockConfigSchema.shape.apiKey.unwrap())).toBe(true);
    });
  });

  describe('.createModule', () => {
    it('binds UserDirectory to a singleton MockUserDirectory built from the connection', async () => {
      const container = connect(mockProvider, 'acme', {
        createsInvitedUsers: true,
        seed: [{ userName: 'ada' }],
      });
      const directory = container.get<UserDirectory>(UserDirectoryToken);
      expect(directory).toBeInstanceOf(MockUserDirectory);
      expect(container.get(UserDirectoryToken)).toBe(directory);
      expect(directory.provider).toBe('mock');
      expect(directory.capabilities.createsInvitedUsers).toBe(true);
      expect((await directory.getUser({ userName: 'ada' })).status).toBe('invited');
    });

    it('gives every connection its own store', async () => {
      const first = connect(mockProvider, 'acme', {}).get<UserDirectory>(UserDirectoryToken);
      const second = connect(mockProvider, 'globex', {}).get<UserDirectory>(UserDirectoryToken);
      await first.createUser({ userName: 'ada' });
      await expect(second.getUser({ userName: 'ada' })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('binds the clock given to createMockProvider', async () => {
      const plugin = createMockProvider({ now: () => FIXED_NOW });
      const directory = connect(plugin, 'acme', {}).get<UserDirectory>(UserDirectoryToken);
      expect((await directory.createUser({ userName: 'ada' })).createdAt).toBe(FIXED_NOW.toISOString());
    });
  });

  describe('.directoryFor', () => {
    it('returns the raw directory of the latest connection of a tenant', () => {
      const plugin = createMockProvider();
      connect(plugin, 'acme', {}).get(UserDirectoryToken);
      const latest = connect(plugin, 'acme', {}).get(UserDirectoryToken);
      expect(plugin.directoryFor('acme')).toBe(latest);
    });

    it('fails with not_found for a tenant without connection, also after forgetDirectories', () => {
      const plugin = createMockProvider();
      expect(() => plugin.directoryFor('acme')).toThrow(expect.objectContaining({ code: 'not_found' }));
      connect(plugin, 'acme', {}).get(UserDirectoryToken);
      plugin.forgetDirectories();
      expect(() => plugin.directoryFor('acme')).toThrow(expect.objectContaining({ code: 'not_found' }));
    });
  });
});

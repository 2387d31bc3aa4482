import { isSecretSchema, type ProviderDirectory, silentLogger } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../test/helpers.js';
import { mockConfigSchema } from './mock-config.js';
import { createMockProvider, type MockProviderPlugin, mockProvider } from './mock-plugin.js';
import { MockUserDirectory } from './mock-user-directory.js';

/** What core's `connect()` does, minus the middleware: the plugin's directory for one connection. */
function connect(plugin: MockProviderPlugin, tenant: string, config: unknown): MockUserDirectory {
  const directory = plugin.createDirectory!({
    config: plugin.configSchema.parse(config),
    context: { tenant, provider: plugin.id, connectionId: `mock:${tenant}:1` },
    logger: silentLogger(),
    provide: (_token, instance) => instance,
  }) as ProviderDirectory;
  return directory as MockUserDirectory;
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

  describe('.createDirectory', () => {
    it('builds a MockUserDirectory from the connection', async () => {
      const directory = connect(mockProvider, 'acme', {
        createsInvitedUsers: true,
        seed: [{ userName: 'ada' }],
      });
      expect(directory).toBeInstanceOf(MockUserDirectory);
      expect(directory.provider).toBe('mock');
      expect((await directory.getUser({ userName: 'ada' })).status).toBe('invited');
    });

    it('gives every connection its own store', async () => {
      const first = connect(mockProvider, 'acme', {});
      const second = connect(mockProvider, 'globex', {});
      await first.createUser({ userName: 'ada' });
      await expect(second.getUser({ userName: 'ada' })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('uses the clock given to createMockProvider', async () => {
      const directory = connect(createMockProvider({ now: () => FIXED_NOW }), 'acme', {});
      expect((await directory.createUser({ userName: 'ada' })).createdAt).toBe(FIXED_NOW.toISOString());
    });

    it('starts with the credentials the config names', async () => {
      const directory = connect(mockProvider, 'acme', { credentials: 'expired' });
      expect((await directory.verifyCredentials()).status).toBe('expired');
      await expect(directory.getUser({ userName: 'ada' })).rejects.toMatchObject({ code: 'authentication' });
    });
  });

  describe('.refineCapabilities', () => {
    it('follows the connection config for invitations and batch size, and never changes the verbs', () => {
      const refined = mockProvider.refineCapabilities!(
        mockConfigSchema.parse({ createsInvitedUsers: true, maxBatchSize: 2, userNameFormat: 'email' }),
      );
      expect(refined).toMatchObject({ createsInvitedUsers: true, maxBatchSize: 2, userNameFormat: 'email' });
      expect(refined).not.toHaveProperty('verbs');
    });
  });

  describe('.directoryFor', () => {
    it('returns the raw directory of the latest connection of a tenant', () => {
      const plugin = createMockProvider();
      connect(plugin, 'acme', {});
      const latest = connect(plugin, 'acme', {});
      expect(plugin.directoryFor('acme')).toBe(latest);
    });

    it('fails with not_found for a tenant without connection, also after forgetDirectories', () => {
      const plugin = createMockProvider();
      expect(() => plugin.directoryFor('acme')).toThrow(expect.objectContaining({ code: 'not_found' }));
      connect(plugin, 'acme', {});
      plugin.forgetDirectories();
      expect(() => plugin.directoryFor('acme')).toThrow(expect.objectContaining({ code: 'not_found' }));
    });
  });
});

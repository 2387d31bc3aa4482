import { Capabilities, createProvisionKit, secretValuesOf, silentLogger, VERBS } from '@provisionkit/core';
import { expectIssueAt, expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LastPassApi,
  LastPassConfig,
  LastPassConnectionClient,
  lastpassProvider,
  UserLocator,
} from '../src/index.js';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { connectTo, testConfig } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator({ seed: { users: 3, random: 1 } });
});
afterAll(() => simulator.close());

async function connectWith(config: unknown) {
  const kit = createProvisionKit({ plugins: [lastpassProvider], logger: silentLogger() });
  return kit.connect({ provider: 'lastpass', tenant: 'acme', config });
}

describe('lastpassProvider', () => {
  it('describes itself and declares every verb', () => {
    expect(lastpassProvider).toMatchObject({ id: 'lastpass', displayName: 'LastPass Enterprise' });
    expect(Capabilities.parse(lastpassProvider.capabilities)).toMatchObject({
      verbs: [...VERBS],
      maxBatchSize: 10_000,
      maxPageSize: 2000,
      defaultPageSize: 1000,
      listFilters: ['status', 'group'],
      updatableFields: ['displayName', 'givenName', 'familyName', 'userName', 'email'],
      acceptsPassword: true,
      createsInvitedUsers: true,
      userNameFormat: 'email',
    });
  });

  describe('.configSchema', () => {
    it('marks provhash secret and defaults timeZone to UTC', () => {
      const config = LastPassConfig.parse({ cid: '123', provhash: 'abc-secret' });
      expect(secretValuesOf(lastpassProvider.configSchema, config)).toEqual(['abc-secret']);
      expect(config).toMatchObject({ cid: 123, timeZone: 'UTC', pageSize: 1000, batchSize: 500 });
    });

    it('refuses an unknown time zone, an unknown key and cleartext http to a remote host at connect', async () => {
      const base = testConfig(simulator);
      for (const [config, field] of [
        [{ ...base, timeZone: 'Mars/Olympus' }, 'config.timeZone'],
        [{ ...base, pagesize: 10 }, 'config'],
        [{ ...base, baseUrl: 'http://lastpass.example.com/enterpriseapi.php' }, 'config.baseUrl'],
      ] as const) {
        expectIssueAt(await expectProvisioningError(connectWith(config), 'invalid_input'), field);
      }
    });
  });

  describe('.createModule', () => {
    it('gives each connection its own client and id cache, shared by its directory and LastPassApi', async () => {
      const first = (await connectTo(simulator)).connection;
      const second = (await connectTo(simulator)).connection;
      expect(first.get(LastPassConnectionClient)).toBe(first.get(LastPassConnectionClient));
      expect(first.get(LastPassConnectionClient)).not.toBe(second.get(LastPassConnectionClient));
      expect(first.get(UserLocator)).not.toBe(second.get(UserLocator));
      await first.directory.getUser({ id: simulator.state.listUsers()[0]!.id });
      expect(first.get<UserLocator>(UserLocator).cachedIds).toBeGreaterThan(0);
      expect(second.get<UserLocator>(UserLocator).cachedIds).toBe(0);
      expect(typeof first.get<LastPassApi>(LastPassApi).call).toBe('function');
    });

    it('takes defaultPageSize from the connection pageSize', async () => {
      const { connection } = await connectTo(simulator, { pageSize: 250 });
      expect(connection.directory.capabilities.defaultPageSize).toBe(250);
    });

    it('declares email user names: core refuses any other before sending a request', async () => {
      const { connection } = await connectTo(simulator);
      const before = simulator.requests.length;
      const refused = await expectProvisioningError(
        connection.directory.createUser({ userName: 'kiosk-7' }),
        'invalid_input',
      );
      expectIssueAt(refused, 'input.userName');
      const batch = await connection.directory.createUsers([{ userName: 'kiosk-8' }]);
      expect(batch.items[0]).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(simulator.requests.length).toBe(before);
    });

    it('fails the directory with unavailable once the connection is closed', async () => {
      const { connection } = await connectTo(simulator);
      await connection.close();
      await expectProvisioningError(
        connection.directory.getUser({ userName: 'a@example.com' }),
        'unavailable',
      );
    });
  });
});

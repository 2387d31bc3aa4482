import {
  type Connection,
  createMemoryStateStore,
  createProvisionKit,
  type ProvisionKit,
  silentLogger,
  UserDirectory,
} from '@provisionkit/core';
import { ManualHealthClock } from '@provisionkit/core/testing';
import { createMockProvider, type MockUserDirectory } from '@provisionkit/provider-mock';
import { afterEach, describe, expect, it } from 'vitest';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const API_KEY = 'mock-canary-7c1d2e3f4a5b';

const kits: ProvisionKit[] = [];
afterEach(async () => {
  await Promise.all(kits.splice(0).map((kit) => kit.close()));
});

async function open(health: Record<string, unknown> = {}) {
  const clock = new ManualHealthClock();
  const store = createMemoryStateStore();
  const kit = createProvisionKit({
    plugins: [createMockProvider()],
    logger: silentLogger(),
    store,
    health: { jitter: 0, quarantinePaceMs: 0, clock, random: () => 0.5, ...health },
  });
  kits.push(kit);
  const connection = await kit.connect({
    provider: 'mock',
    tenant: 'acme',
    config: { apiKey: API_KEY, seed: [{ userName: 'ada@example.com' }] },
  });
  const raw = connection.get<MockUserDirectory>(UserDirectory);
  return { kit, store, clock, connection, raw };
}

async function typesOf(kit: ProvisionKit): Promise<string[]> {
  const page = await kit.listEvents({ tenant: 'acme', limit: 100 });
  return page.events.map((event) => event.type).filter((type) => type.startsWith('connection.'));
}

/** Lets the tracker's background writes of operation outcomes land. */
async function settled(connection: Connection): Promise<void> {
  await connection.status();
}

describe('kit.health', () => {
  describe('.check', () => {
    it('reports refused credentials as invalid at once, with the event, and recovers on a valid check', async () => {
      const { kit, connection, raw, clock } = await open();
      expect((await connection.status()).state).toBe('unknown');
      raw.faults.rejectCredentials();
      const failing = await kit.health.check(connection);
      expect(failing).toMatchObject({
        tenant: 'acme',
        provider: 'mock',
        state: 'unhealthy',
        quarantined: false,
        credentials: { status: 'invalid' },
        lastError: { code: 'authentication', operation: 'verifyCredentials' },
        consecutiveFailures: 1,
      });
      raw.faults.reset();
      clock.advance(5 * MINUTE);
      const recovered = await kit.health.check(connection);
      expect(recovered).toMatchObject({
        state: 'healthy',
        credentials: { status: 'valid' },
        consecutiveFailures: 0,
      });
      expect(await typesOf(kit)).toEqual(['connection.unhealthy', 'connection.recovered']);
      expect(JSON.stringify(await kit.listEvents({ tenant: 'acme', limit: 100 }))).not.toContain(API_KEY);
    });

    it('quarantines after quarantineAfter failures and moves its next check down the schedule', async () => {
      const { kit, connection, raw, clock } = await open({
        quarantineAfter: 3,
        quarantineScheduleMs: [HOUR, 2 * HOUR],
      });
      raw.faults.rejectCredentials();
      for (let index = 0; index < 3; index++) await kit.health.check(connection);
      const quarantined = await connection.status();
      expect(quarantined).toMatchObject({ state: 'quarantined', quarantined: true, consecutiveFailures: 3 });
      expect(Date.parse(quarantined.nextCheckAt!) - clock.now().getTime()).toBe(HOUR);
      const again = await kit.health.check(connection);
      expect(Date.parse(again.nextCheckAt!) - clock.now().getTime()).toBe(2 * HOUR);
      expect(await typesOf(kit)).toEqual(['connection.unhealthy', 'connection.quarantined']);
    });
  });

  describe('.statuses', () => {
    it('lists every open connection with its last sync', async () => {
      const { kit, connection } = await open();
      await kit.sync(connection);
      const other = await kit.connect({
        provider: 'mock',
        tenant: 'globex',
        config: { apiKey: 'mock-key-globex-1' },
      });
      const statuses = await kit.status();
      expect(statuses.map((status) => status.tenant)).toEqual(['acme', 'globex']);
      expect(statuses[0]).toMatchObject({ lastSync: { status: 'completed', counts: { created: 1 } } });
      expect(statuses[1]!.connectionId).toBe(other.context.connectionId);
    });
  });

  describe('.due', () => {
    it('skips a connection whose checks the host disabled until they are enabled again', async () => {
      const { kit, connection, clock } = await open();
      clock.advance(HOUR);
      expect(await kit.health.due()).toEqual([connection]);
      expect((await kit.health.disableChecks(connection)).checksEnabled).toBe(false);
      expect(await kit.health.due()).toEqual([]);
      await kit.health.enableChecks({ tenant: 'acme', provider: 'mock' });
      expect(await kit.health.due()).toEqual([connection]);
    });

    it('refuses what is not a date with invalid_input', async () => {
      const { kit } = await open();
      await expect(kit.health.due('soon' as unknown as Date)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });
  });
});

describe('operations of a connection', () => {
  it('count against its health: repeated failures make it unhealthy, a success recovers it', async () => {
    const { connection, raw } = await open({ unhealthyAfter: 2 });
    raw.faults.failNext(2, 'unavailable');
    for (let index = 0; index < 2; index++)
      await expect(connection.directory.getUser({ userName: 'ada@example.com' })).rejects.toMatchObject({
        code: 'unavailable',
      });
    await settled(connection);
    expect(await connection.status()).toMatchObject({
      state: 'unhealthy',
      lastError: { operation: 'getUser' },
    });
    await connection.directory.getUser({ userName: 'ada@example.com' });
    await settled(connection);
    expect((await connection.status()).state).toBe('healthy');
  });

  it('are refused with unavailable past maxQueuedWhileQuarantined while the connection is quarantined', async () => {
    const { kit, connection, raw, clock } = await open({
      unhealthyAfter: 1,
      quarantineAfter: 1,
      quarantinePaceMs: MINUTE,
      maxQueuedWhileQuarantined: 1,
    });
    raw.faults.rejectCredentials();
    await kit.health.check(connection);
    expect((await connection.status()).quarantined).toBe(true);
    raw.faults.reset();
    // The first operation starts at once, the second waits its turn, the third is refused.
    await connection.directory.getUser({ userName: 'ada@example.com' });
    const second = connection.directory.getUser({ userName: 'ada@example.com' });
    await expect(connection.directory.getUser({ userName: 'ada@example.com' })).rejects.toMatchObject({
      code: 'unavailable',
      details: { reason: 'quarantined' },
    });
    clock.advance(MINUTE);
    await expect(second).resolves.toMatchObject({ userName: 'ada@example.com' });
    await settled(connection);
    // The gate's own refusal is not a failure of the connection: it recovered, and stays so.
    expect(await connection.status()).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
    expect(await typesOf(kit)).toEqual([
      'connection.unhealthy',
      'connection.quarantined',
      'connection.recovered',
    ]);
  });
});

describe('connection.status', () => {
  it('fails with unavailable once the connection is closed', async () => {
    const { connection } = await open();
    await connection.close();
    await expect(connection.status()).rejects.toMatchObject({ code: 'unavailable' });
  });
});

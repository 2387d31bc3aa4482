import {
  type Connection,
  createHealthMonitor,
  createMemoryStateStore,
  createProvisionKit,
  type KitHealth,
  type ProvisionKit,
  silentLogger,
  UserDirectory,
} from '@provisionkit/core';
import { ManualHealthClock } from '@provisionkit/core/testing';
import { createMockProvider, type MockUserDirectory } from '@provisionkit/provider-mock';
import { afterEach, describe, expect, it } from 'vitest';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const kits: ProvisionKit[] = [];
afterEach(async () => {
  await Promise.all(kits.splice(0).map((kit) => kit.close()));
});

async function kitWith(tenants: string[]) {
  const clock = new ManualHealthClock();
  const kit = createProvisionKit({
    plugins: [createMockProvider()],
    logger: silentLogger(),
    store: createMemoryStateStore(),
    health: {
      clock,
      random: () => 0.5,
      quarantineAfter: 3,
      quarantineScheduleMs: [6 * HOUR, 12 * HOUR, 24 * HOUR],
    },
  });
  kits.push(kit);
  const connections: Connection[] = [];
  for (const tenant of tenants)
    connections.push(
      await kit.connect({ provider: 'mock', tenant, config: { apiKey: `mock-key-${tenant}-1` } }),
    );
  return { kit, clock, connections };
}

describe('createHealthMonitor', () => {
  describe('.runOnce', () => {
    it('checks only the connections that are due, and a quarantined one less and less often', async () => {
      const { kit, clock, connections } = await kitWith(['acme', 'globex', 'initech']);
      const monitor = createHealthMonitor({ health: kit.health, clock });
      // Nothing is due right after opening: first checks are spread over the jitter of the interval.
      expect(await monitor.runOnce()).toEqual({ checked: 0, skipped: 0 });
      clock.advance(20 * MINUTE);
      expect(await monitor.runOnce()).toEqual({ checked: 3, skipped: 0 });
      connections[1]!.get<MockUserDirectory>(UserDirectory).faults.rejectCredentials();
      clock.advance(20 * MINUTE);
      await monitor.runOnce();
      expect((await connections[1]!.status()).state).toBe('unhealthy');
      // Unhealthy: checked every ~5 minutes until quarantined after 3 failures in a row.
      for (let round = 0; round < 2; round++) {
        clock.advance(6 * MINUTE);
        await monitor.runOnce();
      }
      expect((await connections[1]!.status()).state).toBe('quarantined');
      const counts: number[] = [];
      for (const hours of [5, 2, 11, 2, 22, 4, 25]) {
        clock.advance(hours * HOUR);
        counts.push((await connections[1]!.status()).consecutiveFailures);
        await monitor.runOnce();
      }
      // Checked after ~6 h (5+2), ~12 h (11+2), ~24 h (22+4), then daily: 4 checks in those hours.
      expect(counts).toEqual([3, 3, 4, 4, 5, 5, 6]);
      expect((await kit.status()).map((status) => status.state)).toEqual([
        'healthy',
        'quarantined',
        'healthy',
      ]);
    });

    it('runs at most `concurrency` checks at once', async () => {
      let running = 0;
      let most = 0;
      const release: Array<() => void> = [];
      const fake = {
        due: async () => Array.from({ length: 7 }, () => ({ context: { tenant: 't', provider: 'p' } })),
        check: async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise<void>((resolve) => release.push(resolve));
          running -= 1;
        },
      } as unknown as KitHealth;
      let done = false;
      const round = createHealthMonitor({ health: fake, concurrency: 2 })
        .runOnce()
        .finally(() => {
          done = true;
        });
      while (!done) {
        await new Promise((resolve) => setImmediate(resolve));
        release.shift()?.();
      }
      expect(await round).toEqual({ checked: 7, skipped: 0 });
      expect(most).toBe(2);
    });
  });

  describe('.start', () => {
    it('checks on its own schedule until stopped', async () => {
      const { kit, clock, connections } = await kitWith(['acme']);
      const monitor = createHealthMonitor({ health: kit.health, clock, pollIntervalMs: MINUTE });
      monitor.start();
      expect(monitor.running).toBe(true);
      connections[0]!.get<MockUserDirectory>(UserDirectory).faults.rejectCredentials();
      while ((await connections[0]!.status()).state !== 'unhealthy') {
        await new Promise((resolve) => setImmediate(resolve));
        clock.advance(MINUTE);
      }
      await monitor.stop();
      expect(monitor.running).toBe(false);
    });
  });

  it('refuses options without a health service with invalid_input', () => {
    expect(() => createHealthMonitor({ health: {} as KitHealth })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

import {
  type Alert,
  type AlertSink,
  createAlertDispatcher,
  createMemoryStateStore,
  createProvisionKit,
  type ProvisionKit,
  RateLimitedError,
  silentLogger,
  UnavailableError,
  UserDirectory,
} from '@provisionkit/core';
import { ManualHealthClock } from '@provisionkit/core/testing';
import { createMockProvider, type MockUserDirectory } from '@provisionkit/provider-mock';
import { afterEach, describe, expect, it } from 'vitest';

const MINUTE = 60_000;
const kits: ProvisionKit[] = [];
afterEach(async () => {
  await Promise.all(kits.splice(0).map((kit) => kit.close()));
});

/** A sink that records what it accepted and fails as told. */
function recordingSink() {
  const sent: Alert[] = [];
  const failures: Error[] = [];
  const sink: AlertSink = {
    name: 'memory',
    async send(alert) {
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      sent.push(alert);
    },
  };
  return { sink, sent, failures };
}

async function setup(options: { minIntervalMs?: number } = {}) {
  const clock = new ManualHealthClock();
  const store = createMemoryStateStore();
  const kit = createProvisionKit({
    plugins: [createMockProvider()],
    logger: silentLogger(),
    store,
    health: { clock, random: () => 0.5, quarantineAfter: 3 },
  });
  kits.push(kit);
  const connection = await kit.connect({
    provider: 'mock',
    tenant: 'acme',
    config: { apiKey: 'mock-key-acme-42' },
  });
  const faults = connection.get<MockUserDirectory>(UserDirectory).faults;
  const recording = recordingSink();
  const dispatcher = createAlertDispatcher({ store, sinks: [recording.sink], clock, ...options });
  /** Checks `times` times, a few minutes apart. */
  const check = async (times = 1) => {
    for (let index = 0; index < times; index++) {
      clock.advance(6 * MINUTE);
      await kit.health.check(connection);
    }
  };
  return { kit, store, clock, connection, faults, dispatcher, check, ...recording };
}

const summary = (alerts: Alert[]) => alerts.map((alert) => `${alert.state}:${alert.kind}`);

describe('createAlertDispatcher', () => {
  describe('.runOnce', () => {
    it('sends one firing alert per incident however many failures follow, and one recovery', async () => {
      const { faults, dispatcher, check, sent } = await setup();
      faults.rejectCredentials();
      await check();
      await dispatcher.runOnce();
      await check(4); // quarantined on the third failure, then checked again
      await dispatcher.runOnce();
      faults.reset();
      await check();
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 1, pending: 0 });
      expect(summary(sent)).toEqual(['firing:credentials', 'resolved:quarantined']);
      expect(sent[0]).toMatchObject({
        tenant: 'acme',
        provider: 'mock',
        title: 'Credentials refused: acme / mock',
      });
      expect(sent[1]!.incidentId).toBe(sent[0]!.incidentId);
      expect(sent[1]!.grouped).toBe(1);
    });

    it('holds an incident that opens within minIntervalMs of the last, and drops it if it cleared', async () => {
      const { faults, dispatcher, check, sent, clock } = await setup({ minIntervalMs: 60 * MINUTE });
      for (let flap = 0; flap < 3; flap++) {
        faults.rejectCredentials();
        await check();
        await dispatcher.runOnce();
        faults.reset();
        await check();
        await dispatcher.runOnce();
      }
      expect(summary(sent)).toEqual(['firing:credentials', 'resolved:connection_failing']);
      faults.rejectCredentials();
      await check();
      await dispatcher.runOnce();
      expect(sent).toHaveLength(2);
      clock.advance(60 * MINUTE);
      await dispatcher.runOnce();
      expect(summary(sent)).toEqual([
        'firing:credentials',
        'resolved:connection_failing',
        'firing:credentials',
      ]);
    });

    it('announces one operation failing on its own once, however often it fails, and its recovery', async () => {
      const { faults, dispatcher, sent, connection, clock } = await setup();
      let created = 0;
      /** `times` createUser calls failing with provider_error, each followed by a listing that works. */
      const failCreates = async (times: number) => {
        faults.failNext(times, 'provider_error', { verbs: ['createUser'] });
        for (let index = 0; index < times; index++) {
          clock.advance(MINUTE);
          await expect(
            connection.directory.createUser({ userName: `new${++created}@acme.example` }),
          ).rejects.toMatchObject({ code: 'provider_error' });
          for await (const _ of connection.directory.listUsers());
        }
      };
      await failCreates(4);
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 0 });
      await failCreates(4);
      const status = await connection.status();
      expect(status).toMatchObject({
        state: 'healthy',
        consecutiveFailures: 0,
        failingOperations: [{ operation: 'createUser', consecutiveFailures: 8 }],
      });
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
      expect(sent[0]).toMatchObject({
        kind: 'operation_failures',
        state: 'firing',
        tenant: 'acme',
        provider: 'mock',
        title: 'Operation failing: acme / mock / createUser',
        facts: expect.arrayContaining([{ label: 'Error', value: 'provider_error on createUser' }]),
      });

      await connection.directory.createUser({ userName: 'works@acme.example' });
      await connection.status();
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
      expect(summary(sent)).toEqual(['firing:operation_failures', 'resolved:operation_failures']);
      expect(sent[1]).toMatchObject({
        incidentId: sent[0]!.incidentId,
        title: 'Operation recovered: acme / mock / createUser',
      });

      // Failing again within minIntervalMs: held until the period ends, then sent if still failing.
      await failCreates(5);
      await dispatcher.runOnce();
      expect(sent).toHaveLength(2);
      clock.advance(60 * MINUTE);
      await dispatcher.runOnce();
      expect(summary(sent)).toEqual([
        'firing:operation_failures',
        'resolved:operation_failures',
        'firing:operation_failures',
      ]);
    });

    it('waits out a 429 for its retryAfterMs and tries again, in order', async () => {
      const { faults, dispatcher, check, sent, failures, clock } = await setup();
      failures.push(new RateLimitedError('slow down', { retryAfterMs: 30_000 }));
      faults.rejectCredentials();
      await check();
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, failed: 1, pending: 1 });
      clock.advance(10_000);
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, failed: 0, pending: 1 });
      clock.advance(20_000);
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 1, pending: 0 });
      expect(summary(sent)).toEqual(['firing:credentials']);
    });

    it('sends nothing for an incident that opened and cleared while the sink was down', async () => {
      const { faults, dispatcher, check, sent, failures, clock } = await setup();
      faults.rejectCredentials();
      await check();
      failures.push(new UnavailableError('down', { retryable: true }));
      await dispatcher.runOnce();
      faults.reset();
      await check();
      clock.advance(MINUTE);
      expect(await dispatcher.runOnce()).toMatchObject({ pending: 0 });
      expect(sent).toEqual([]);
    });

    it('does not announce incidents older than maxEventAgeMs, nor their recovery', async () => {
      const { faults, check, store, clock } = await setup();
      faults.rejectCredentials();
      await check();
      clock.advance(2 * 60 * MINUTE);
      const late = recordingSink();
      const dispatcher = createAlertDispatcher({ store, sinks: [late.sink], clock });
      expect(await dispatcher.runOnce()).toMatchObject({ events: 1, sent: 0 });
      faults.reset();
      await check();
      expect(await dispatcher.runOnce()).toMatchObject({ events: 1, sent: 0 });
      expect(late.sent).toEqual([]);
      expect(dispatcher.cursor).toBeDefined();
    });
  });

  it('refuses a sink without send() with invalid_input', () => {
    expect(() =>
      createAlertDispatcher({
        store: createMemoryStateStore(),
        sinks: [{ name: 'x' } as unknown as AlertSink],
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetry } from '../telemetry/telemetry.js';
import { TELEMETRY_ATTRIBUTES as A, TELEMETRY_METRICS as M, SEMCONV } from '../telemetry/telemetry-names.js';
import {
  recordedStrings,
  type TelemetryHarness,
  telemetryHarness,
} from '../telemetry/telemetry-test-helpers.js';
import { createWebhookDispatcher } from './create-webhook-dispatcher.js';
import { type WebhookFixture, webhookFixture } from './dispatcher-test-helpers.js';

let fixture: WebhookFixture | undefined;
let harness: TelemetryHarness | undefined;

afterEach(async () => {
  await fixture?.close();
  await harness?.shutdown();
  fixture = undefined;
  harness = undefined;
});

/** A dispatcher whose metrics go to an in-memory SDK, subscribed to the fixture's receiver. */
async function setUp(telemetry: 'providers' | 'kit' = 'providers') {
  harness = telemetryHarness();
  const { tracerProvider, meterProvider } = harness;
  const providers = { tracerProvider, meterProvider };
  fixture = await webhookFixture({ telemetry: providers });
  if (telemetry === 'kit') {
    // The same providers handed over as a kit's `Telemetry`, as a host holding a kit would.
    await fixture.dispatcher.stop();
    const dispatcher = createWebhookDispatcher({
      store: fixture.store,
      urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
      now: fixture.clock.now,
      telemetry: createTelemetry(providers),
    });
    fixture = { ...fixture, dispatcher };
  }
  const { endpoint } = await fixture.dispatcher.endpoints.subscribe({
    tenant: 'acme',
    url: fixture.receiver.url,
  });
  return { f: fixture, h: harness, endpoint };
}

describe('WebhookDispatcher', () => {
  describe('.deliverDue telemetry', () => {
    it('counts each delivered attempt with its event type, and records its duration', async () => {
      const { f, h } = await setUp();
      await f.createUsers(3);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ succeeded: 3 });
      const delivered = { [A.webhookOutcome]: 'delivered', [A.eventType]: 'user.created' };
      expect(await h.total(M.webhookDeliveries, delivered)).toBe(3);
      expect(await h.total(M.webhookDeliveryDuration, delivered)).toBe(3);
      const [point] = await h.points(M.webhookDeliveries, delivered);
      expect(point?.attributes[SEMCONV.errorType]).toBeUndefined();
    });

    it('counts a failed attempt with the status or the reason as error.type, each retry again', async () => {
      const { f, h, endpoint } = await setUp();
      await f.createUsers(1);
      f.receiver.answer = () => ({ status: 503 });
      expect(await f.dispatcher.deliverDue()).toMatchObject({ failed: 1 });
      await f.receiver.down();
      f.clock.advance(5_000);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ failed: 1 });
      const failed = { [A.webhookOutcome]: 'failed', [A.eventType]: 'user.created' };
      expect(await h.total(M.webhookDeliveries, { ...failed, [SEMCONV.errorType]: '503' })).toBe(1);
      const [delivery] = await f.dispatcher.endpoints.listDeliveries({ endpointId: endpoint.id });
      const reason = (await f.dispatcher.endpoints.listAttempts(delivery!.id))[1]?.error;
      expect(reason).toMatch(/^E[A-Z]+$/);
      expect(await h.total(M.webhookDeliveries, { ...failed, [SEMCONV.errorType]: reason! })).toBe(1);
      await f.receiver.up();
      f.receiver.answer = () => ({ status: 204 });
      f.clock.advance(5 * 60_000);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ succeeded: 1 });
      expect(await h.total(M.webhookDeliveries)).toBe(3);
      expect(await h.total(M.webhookDeliveries, { [A.webhookOutcome]: 'delivered' })).toBe(1);
    });

    it('records no URL, tenant, event id or secret: only the outcome, type and error labels', async () => {
      const { f, h, endpoint } = await setUp();
      await f.createUsers(2);
      f.receiver.answer = () => ({ status: 410 });
      await f.dispatcher.deliverDue();
      const events = (await f.kit.listEvents({ tenant: 'acme', limit: 10 })).events;
      const recorded = recordedStrings(h.spans(), await h.metrics()).join('\n');
      for (const leak of [
        f.receiver.url,
        '127.0.0.1',
        'acme',
        endpoint.id,
        ...events.map((event) => event.id),
      ]) {
        expect(recorded).not.toContain(leak);
      }
      expect(await h.total(M.webhookDeliveries, { [SEMCONV.errorType]: '410' })).toBeGreaterThan(0);
    });
  });

  describe('telemetry option', () => {
    it("takes a kit's Telemetry as its telemetry option", async () => {
      const { f, h } = await setUp('kit');
      await f.createUsers(1);
      await f.dispatcher.deliverDue();
      expect(await h.total(M.webhookDeliveries, { [A.webhookOutcome]: 'delivered' })).toBe(1);
    });

    it('refuses telemetry options of the wrong shape with invalid_input naming them', async () => {
      fixture = await webhookFixture();
      for (const telemetry of [{ meterProvider: 42 }, { tracerProvider: { getTracer: 'no' } }, 'global']) {
        expect(() =>
          createWebhookDispatcher({ store: fixture!.store, telemetry: telemetry as never }),
        ).toThrow(
          expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('telemetry') }),
        );
      }
    });
  });
});

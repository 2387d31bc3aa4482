import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetry } from './telemetry.js';
import { TELEMETRY_ATTRIBUTES as A, TELEMETRY_METRICS as M, SEMCONV } from './telemetry-names.js';
import { type TelemetryHarness, telemetryHarness } from './telemetry-test-helpers.js';

let harness: TelemetryHarness;
afterEach(async () => {
  await harness.shutdown();
});

function telemetry() {
  harness = telemetryHarness();
  return createTelemetry({ tracerProvider: harness.tracerProvider, meterProvider: harness.meterProvider });
}

describe('Telemetry', () => {
  describe('.startSyncRun', () => {
    it('ends one provisionkit.sync span with its totals; a failed run is an error', async () => {
      const kit = telemetry();
      const run = kit.startSyncRun({ provider: 'lastpass', tenant: 'acme', mode: 'changes' });
      run.recordChanges({ created: 2, updated: 1 });
      run.recordChanges({ updated: 4, deleted: 1 });
      run.end({ status: 'failed', errorCode: 'unavailable' });
      run.end({ status: 'completed' });
      const span = harness.span('provisionkit.sync');
      expect(span.attributes).toMatchObject({
        [A.provider]: 'lastpass',
        [A.tenant]: 'acme',
        [A.syncMode]: 'changes',
        [A.syncStatus]: 'failed',
        [SEMCONV.errorType]: 'unavailable',
        [A.syncCreated]: 2,
        [A.syncUpdated]: 5,
        [A.syncDeleted]: 1,
      });
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(await harness.total(M.syncChanges, { [A.changeKind]: 'updated', [A.syncMode]: 'changes' })).toBe(
        5,
      );
      expect(await harness.total(M.syncDuration, { [A.syncStatus]: 'failed' })).toBe(1);
      expect(await harness.total(M.syncDuration)).toBe(1);
    });

    it('leaves a held run without an error status', () => {
      const run = telemetry().startSyncRun({ provider: 'mock', tenant: 'acme' });
      run.end({ status: 'held' });
      expect(harness.span('provisionkit.sync').status.code).toBe(SpanStatusCode.UNSET);
    });

    it('refuses wrong input with invalid_input', () => {
      const kit = telemetry();
      const invalid = expect.objectContaining({ code: 'invalid_input' });
      expect(() => kit.startSyncRun({ provider: '', tenant: 'acme' })).toThrow(invalid);
      expect(() => kit.startSyncRun(undefined as never)).toThrow(invalid);
      const run = kit.startSyncRun({ provider: 'mock', tenant: 'acme' });
      expect(() => run.recordChanges({ created: -1 })).toThrow(invalid);
      expect(() => run.recordChanges({ created: 1.5 })).toThrow(invalid);
      expect(() => run.end({ status: 'Done!' })).toThrow(invalid);
      expect(() => run.bind('signal' as never)).toThrow(invalid);
      expect(() => run.run(42 as never)).toThrow(invalid);
    });
  });

  describe('.recordWebhookDelivery', () => {
    it('counts deliveries by outcome, event type and error type, with their duration', async () => {
      const kit = telemetry();
      kit.recordWebhookDelivery({ outcome: 'delivered', eventType: 'user.created', durationMs: 120 });
      kit.recordWebhookDelivery({ outcome: 'failed', eventType: 'user.created', errorType: '503' });
      kit.recordWebhookDelivery({ outcome: 'failed', eventType: 'user.created', errorType: '503' });
      expect(await harness.total(M.webhookDeliveries, { [A.webhookOutcome]: 'delivered' })).toBe(1);
      expect(
        await harness.total(M.webhookDeliveries, {
          [A.webhookOutcome]: 'failed',
          [SEMCONV.errorType]: '503',
        }),
      ).toBe(2);
      const [duration] = await harness.points(M.webhookDeliveryDuration);
      expect(duration!.value).toMatchObject({ count: 1, sum: 0.12 });
    });

    it('refuses labels that could carry a URL or free text', () => {
      const kit = telemetry();
      expect(() =>
        kit.recordWebhookDelivery({ outcome: 'failed', errorType: 'https://hooks.example/T0/secret' }),
      ).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    });
  });
});

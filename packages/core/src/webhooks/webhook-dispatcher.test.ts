import { type MockUserDirectory } from '@provisionkit/provider-mock';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../events/provision-event.js';
import { UserDirectory } from '../spi/user-directory.js';
import { type WebhookFixture, webhookFixture } from './dispatcher-test-helpers.js';
import { TestReceiver } from './receiver-test-helpers.js';
import { verifyWebhook } from './verify-webhook.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
let fixture: WebhookFixture | undefined;
const extra: TestReceiver[] = [];

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
  for (const receiver of extra.splice(0)) await receiver.down();
});

async function setUp(options: Parameters<typeof webhookFixture>[0] = {}) {
  fixture = await webhookFixture(options);
  const { endpoint, secret } = await fixture.dispatcher.endpoints.subscribe({
    tenant: 'acme',
    url: fixture.receiver.url,
  });
  return { ...fixture, endpoint, secret };
}

async function allEvents(f: WebhookFixture): Promise<ProvisionEvent[]> {
  return [...(await f.kit.listEvents({ tenant: 'acme', limit: 1000 })).events];
}

async function attemptsOf(f: WebhookFixture, endpointId: string) {
  const [delivery] = await f.dispatcher.endpoints.listDeliveries({ endpointId });
  return { delivery: delivery!, attempts: await f.dispatcher.endpoints.listAttempts(delivery!.id) };
}

describe('WebhookDispatcher', () => {
  describe('.deliverDue', () => {
    it('posts each new event once, signed over the exact body: verifyWebhook and standardwebhooks accept it', async () => {
      const f = await setUp({ now: () => new Date() });
      await f.createUsers(3);
      expect(await f.dispatcher.deliverDue()).toEqual({ attempted: 3, succeeded: 3, failed: 0, disabled: 0 });
      const events = await allEvents(f);
      expect(f.receiver.ids()).toEqual(events.map((event) => event.id));
      for (const [index, request] of f.receiver.received.entries()) {
        expect(request.headers['content-type']).toBe('application/json');
        expect(JSON.parse(request.body.toString())).toEqual(events[index]);
        expect(verifyWebhook(request.body, request.headers, f.secret).event).toEqual(events[index]);
        const headers = request.headers as Record<string, string>;
        expect(new Webhook(f.secret).verify(request.body.toString(), headers)).toEqual(events[index]);
      }
      expect(await f.dispatcher.deliverDue()).toEqual({ attempted: 0, succeeded: 0, failed: 0, disabled: 0 });
      expect(f.receiver.received).toHaveLength(3);
      const [delivery] = await f.dispatcher.endpoints.listDeliveries({ endpointId: f.endpoint.id });
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 204 });
    });

    it('retries a receiver that is down, then slow, then up: same webhook-id, on the schedule, until it succeeds', async () => {
      const f = await setUp({ timeoutMs: 150 });
      await f.createUsers(1);
      await f.receiver.down();
      expect(await f.dispatcher.deliverDue()).toMatchObject({ attempted: 1, failed: 1 });
      let { delivery, attempts } = await attemptsOf(f, f.endpoint.id);
      expect(attempts.map((item) => item.error)).toEqual(['ECONNREFUSED']);
      expect(delivery).toMatchObject({
        status: 'pending',
        nextAttemptAt: new Date(f.clock.ms + 5 * SECOND).toISOString(),
      });
      // Not due yet: nothing is sent.
      f.clock.advance(4 * SECOND);
      expect((await f.dispatcher.deliverDue()).attempted).toBe(0);

      await f.receiver.up();
      f.receiver.answer = () => ({ status: 200, delayMs: 1_000 });
      f.clock.advance(1 * SECOND);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ attempted: 1, failed: 1 });
      ({ delivery, attempts } = await attemptsOf(f, f.endpoint.id));
      expect(attempts.map((item) => item.error)).toEqual(['ECONNREFUSED', 'timeout']);
      expect(delivery.nextAttemptAt).toBe(new Date(f.clock.ms + 5 * MINUTE).toISOString());

      f.receiver.answer = () => ({ status: 200 });
      f.clock.advance(5 * MINUTE);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ attempted: 1, succeeded: 1 });
      ({ delivery, attempts } = await attemptsOf(f, f.endpoint.id));
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200 });
      expect(attempts.map((item) => item.outcome)).toEqual(['failed', 'failed', 'succeeded']);
      const [event] = await allEvents(f);
      // The slow answer arrived after the timeout; the id is the same on every attempt.
      expect(new Set(f.receiver.ids())).toEqual(new Set([event!.id]));
    });

    it("waits at least as long as the receiver's Retry-After", async () => {
      const f = await setUp();
      await f.createUsers(1);
      f.receiver.answer = () => ({ status: 503, headers: { 'retry-after': '120' } });
      await f.dispatcher.deliverDue();
      const { delivery, attempts } = await attemptsOf(f, f.endpoint.id);
      expect(attempts[0]).toMatchObject({ statusCode: 503, outcome: 'failed' });
      expect(delivery.nextAttemptAt).toBe(new Date(f.clock.ms + 120 * SECOND).toISOString());
    });

    it('gives a delivery up after the last attempt of the schedule', async () => {
      const f = await setUp({ retrySchedule: [0, 10, 20] });
      await f.createUsers(1);
      f.receiver.answer = () => ({ status: 500 });
      for (let round = 0; round < 3; round += 1) {
        await f.dispatcher.deliverDue();
        f.clock.advance(20);
      }
      const { delivery, attempts } = await attemptsOf(f, f.endpoint.id);
      expect(attempts).toHaveLength(3);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500 });
      expect(await f.dispatcher.deliverDue()).toMatchObject({ attempted: 0 });
    });

    it('an endpoint whose stored secret no longer decodes gets nothing: an internal failure, retried a minute later', async () => {
      const f = await setUp();
      await f.createUsers(1);
      const canary = 'whsec_canary!not-base64';
      await f.store.updateWebhookSubscription(f.endpoint.id, {
        secrets: [{ secret: canary, createdAt: f.clock.now().toISOString() }],
        updatedAt: f.clock.now().toISOString(),
      });
      expect(await f.dispatcher.deliverDue()).toEqual({ attempted: 1, succeeded: 0, failed: 1, disabled: 0 });
      expect(f.receiver.received).toEqual([]);
      const { delivery, attempts } = await attemptsOf(f, f.endpoint.id);
      expect(attempts).toEqual([
        {
          deliveryId: delivery.id,
          attempt: 1,
          startedAt: f.clock.now().toISOString(),
          durationMs: 0,
          error: 'internal',
          outcome: 'failed',
        },
      ]);
      expect(delivery).toMatchObject({
        status: 'pending',
        nextAttemptAt: new Date(f.clock.ms + MINUTE).toISOString(),
      });
      expect(JSON.stringify({ delivery, attempts })).not.toContain('canary');
    });

    it('treats a redirect as a failure and never follows it', async () => {
      const f = await setUp();
      const elsewhere = await TestReceiver.start();
      extra.push(elsewhere);
      await f.createUsers(1);
      f.receiver.answer = () => ({ status: 307, headers: { location: elsewhere.url } });
      expect(await f.dispatcher.deliverDue()).toMatchObject({ failed: 1 });
      const { attempts } = await attemptsOf(f, f.endpoint.id);
      expect(attempts[0]).toMatchObject({ statusCode: 307, error: 'redirect', outcome: 'failed' });
      expect(elsewhere.received).toEqual([]);
    });

    it('disables an endpoint that answers 410 Gone, logging webhook.disabled, and sends it nothing more', async () => {
      const f = await setUp({ concurrency: 1 });
      await f.createUsers(2);
      f.receiver.answer = () => ({ status: 410 });
      const round = await f.dispatcher.deliverDue();
      expect(round.disabled).toBe(1);
      expect(f.receiver.received).toHaveLength(1);
      const endpoint = await f.dispatcher.endpoints.get(f.endpoint.id);
      expect(endpoint).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
      const disabled = (await allEvents(f)).filter((event) => event.type === 'webhook.disabled');
      expect(disabled).toEqual([
        expect.objectContaining({
          source: 'provisionkit',
          provider: 'provisionkit',
          data: {
            subscriptionId: f.endpoint.id,
            host: new URL(f.receiver.url).host,
            reason: 'gone',
            statusCode: 410,
          },
        }),
      ]);
      await f.createUsers(1);
      f.clock.advance(MINUTE);
      expect((await f.dispatcher.deliverDue()).attempted).toBe(0);
      expect(f.receiver.received).toHaveLength(1);
    });

    it('disables an endpoint whose attempts all failed for longer than allowed, once, with the event', async () => {
      const f = await setUp({ disableAfterMs: 3 * 24 * 60 * MINUTE, retrySchedule: [0, MINUTE] });
      f.receiver.answer = () => ({ status: 500 });
      await f.createUsers(1);
      await f.dispatcher.deliverDue();
      const failingSince = (await f.dispatcher.endpoints.get(f.endpoint.id))?.failingSince;
      expect(failingSince).toBe(f.clock.now().toISOString());
      // A day later it still fails; three days after the first failure it is disabled.
      f.clock.advance(24 * 60 * MINUTE);
      await f.createUsers(1);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ failed: 2, disabled: 0 });
      f.clock.advance(2 * 24 * 60 * MINUTE);
      expect((await f.dispatcher.deliverDue()).disabled).toBe(1);
      expect(await f.dispatcher.endpoints.get(f.endpoint.id)).toMatchObject({
        status: 'disabled',
        disabledReason: 'failing',
      });
      const disabled = (await allEvents(f)).filter((event) => event.type === 'webhook.disabled');
      expect(disabled).toHaveLength(1);
      expect(disabled[0]).toMatchObject({ data: { reason: 'failing', failingSince } });
      // Enabled again, it starts clean and receives what was left.
      f.receiver.answer = () => ({ status: 200 });
      const enabled = await f.dispatcher.endpoints.enable(f.endpoint.id);
      expect(enabled.failingSince).toBeUndefined();
      expect((await f.dispatcher.deliverDue()).succeeded).toBeGreaterThan(0);
    });

    it('a success ends a run of failures: an endpoint failing now and then is never disabled', async () => {
      const f = await setUp({ disableAfterMs: 60 * MINUTE, retrySchedule: [0, MINUTE] });
      let calls = 0;
      f.receiver.answer = () => ({ status: calls++ % 2 === 0 ? 500 : 200 });
      for (let hour = 0; hour < 5; hour += 1) {
        await f.createUsers(1);
        await f.dispatcher.deliverDue();
        f.clock.advance(40 * MINUTE);
      }
      expect((await f.dispatcher.endpoints.get(f.endpoint.id))?.status).toBe('enabled');
    });

    it('keeps at most `concurrency` attempts in flight', async () => {
      const f = await setUp({ concurrency: 3 });
      f.receiver.answer = () => ({ status: 200, delayMs: 30 });
      await f.createUsers(12);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ attempted: 12, succeeded: 12 });
      expect(f.receiver.maxInFlight).toBe(3);
    });

    it('reads at most maxResponseBytes of an answer and still takes its status', async () => {
      const f = await setUp({ maxResponseBytes: 1024 });
      f.receiver.answer = () => ({ status: 200, body: Buffer.alloc(5_000_000, 'x') });
      await f.createUsers(1);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ succeeded: 1 });
    });

    it('signs with the old and the new secret while a rotation overlaps, then with the new one only', async () => {
      const f = await setUp();
      const rotated = await f.dispatcher.endpoints.rotateSecret(f.endpoint.id, { overlapMs: 60 * MINUTE });
      expect(rotated.secret).not.toBe(f.secret);
      expect(rotated.endpoint.secrets).toHaveLength(2);
      await f.createUsers(1);
      await f.dispatcher.deliverDue();
      const during = f.receiver.received[0]!;
      expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
      for (const secret of [f.secret, rotated.secret]) {
        expect(verifyWebhook(during.body, during.headers, secret, { now: f.clock.ms }).id).toBeDefined();
      }
      f.clock.advance(61 * MINUTE);
      await f.createUsers(1);
      await f.dispatcher.deliverDue();
      const after = f.receiver.received[1]!;
      expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(verifyWebhook(after.body, after.headers, rotated.secret, { now: f.clock.ms }).id).toBeDefined();
      expect(() => verifyWebhook(after.body, after.headers, f.secret, { now: f.clock.ms })).toThrow(
        /signature/,
      );
    });

    it('refuses at delivery time a name that resolves to a private address, without connecting', async () => {
      fixture = await webhookFixture({
        urlPolicy: { allowHttp: true },
        resolve: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
      });
      const f = fixture;
      const port = new URL(f.receiver.url).port;
      const { endpoint } = await f.dispatcher.endpoints.subscribe({
        tenant: 'acme',
        url: `http://hooks.example.test:${port}/in`,
      });
      await f.createUsers(1);
      await f.dispatcher.deliverDue();
      const { attempts } = await attemptsOf(f, endpoint.id);
      expect(attempts[0]).toMatchObject({ error: 'forbidden_address', outcome: 'failed' });
      expect(f.receiver.received).toEqual([]);
    });

    it('checks the address of every connection: a name re-pointed at a private address is refused (DNS rebinding)', async () => {
      let answer = '127.0.0.1';
      const f = await setUp({
        urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
        resolve: (_host, _options, callback) => callback(null, [{ address: answer, family: 4 }]),
      });
      const port = new URL(f.receiver.url).port;
      const { endpoint } = await f.dispatcher.endpoints.subscribe({
        tenant: 'acme',
        url: `http://hooks.example.test:${port}/in`,
      });
      await f.dispatcher.endpoints.remove(f.endpoint.id);
      await f.createUsers(1);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ succeeded: 1 });
      // Idle connections are dropped so the next attempt connects (and resolves) again.
      await f.dispatcher.stop();
      answer = '169.254.169.254';
      await f.createUsers(1);
      expect(await f.dispatcher.deliverDue()).toMatchObject({ failed: 1 });
      const deliveries = await f.dispatcher.endpoints.listDeliveries({ endpointId: endpoint.id });
      const attempts = await f.dispatcher.endpoints.listAttempts(deliveries[1]!.id);
      expect(attempts[0]).toMatchObject({ error: 'forbidden_address' });
      expect(f.receiver.received).toHaveLength(1);
    });
  });

  describe('.start', () => {
    it('delivers in the background until stopped; stop waits for attempts in flight', async () => {
      const f = await setUp({ now: () => new Date(), pollIntervalMs: 20 });
      f.receiver.answer = () => ({ status: 200, delayMs: 20 });
      f.dispatcher.start();
      expect(f.dispatcher.running).toBe(true);
      await f.createUsers(5);
      f.dispatcher.nudge();
      await expect.poll(() => f.receiver.received.length, { timeout: 5_000 }).toBe(5);
      await f.dispatcher.stop();
      expect(f.dispatcher.running).toBe(false);
      const deliveries = await f.dispatcher.endpoints.listDeliveries({ endpointId: f.endpoint.id });
      expect(deliveries.map((item) => item.status)).toEqual(Array(5).fill('succeeded'));
      await f.createUsers(1);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(f.receiver.received).toHaveLength(5);
    });
  });

  describe('connection events', () => {
    it('delivers connection events like the others, signed, to a subscriber of those types only', async () => {
      fixture = await webhookFixture();
      const f = fixture;
      const { secret } = await f.dispatcher.endpoints.subscribe({
        tenant: 'acme',
        url: f.receiver.url,
        eventTypes: [
          'connection.unhealthy',
          'connection.quarantined',
          'connection.recovered',
          'connection.operation_failing',
          'connection.operation_recovered',
        ],
      });
      const faults = f.connection.get<MockUserDirectory>(UserDirectory).faults;
      await f.createUsers(1); // a user.created event the subscriber did not ask for
      faults.rejectCredentials();
      await f.kit.health.check(f.connection);
      faults.reset();
      await f.kit.health.check(f.connection);
      // One verb failing on its own, five times in a row, while listings work.
      faults.failNext(5, 'unavailable', { verbs: ['createUser'] });
      for (let index = 0; index < 5; index++) {
        const created = f.connection.directory.createUser({ userName: `failing${index}@acme.example` });
        await expect(created).rejects.toMatchObject({ code: 'unavailable' });
        await f.connection.directory.getUser({ userName: 'nobody@acme.example' }).catch(() => undefined);
      }
      await f.connection.directory.createUser({ userName: 'works@acme.example' });
      await f.connection.status();
      expect(await f.dispatcher.deliverDue()).toMatchObject({ attempted: 4, succeeded: 4 });
      const delivered = f.receiver.received.map(
        (request) => verifyWebhook(request.body, request.headers, secret, { now: f.clock.ms }).event,
      );
      const logged = (await allEvents(f)).filter((event) => event.type.startsWith('connection.'));
      expect(delivered).toEqual(logged);
      expect(delivered.map((event) => event.type)).toEqual([
        'connection.unhealthy',
        'connection.recovered',
        'connection.operation_failing',
        'connection.operation_recovered',
      ]);
      expect(delivered[0]).toMatchObject({
        tenant: 'acme',
        provider: 'mock',
        data: { credentials: 'invalid', error: { code: 'authentication', operation: 'verifyCredentials' } },
      });
      expect(f.receiver.ids()).toEqual(logged.map((event) => event.id));
    });
  });

  describe('catching up', () => {
    it('a consumer that was down reads everything it missed from the log by its cursor', async () => {
      const f = await setUp({ retrySchedule: [0] });
      await f.createUsers(1);
      await f.dispatcher.deliverDue();
      const seen = f.receiver.received.map(
        (request) => verifyWebhook(request.body, request.headers, f.secret, { now: f.clock.ms }).event,
      );
      const cursor = seen.at(-1)!.cursor;
      // The consumer goes down: these deliveries fail and are given up.
      await f.receiver.down();
      await f.createUsers(3);
      await f.dispatcher.deliverDue();
      const failed = await f.dispatcher.endpoints.listDeliveries({
        endpointId: f.endpoint.id,
        status: 'failed',
      });
      expect(failed).toHaveLength(3);
      // Back up, it pulls from its last cursor and misses nothing.
      const { events } = await f.kit.listEvents({ tenant: 'acme', after: cursor, limit: 100 });
      expect(events.map((event) => event.id)).toEqual(failed.map((item) => item.eventId));
    });
  });
});

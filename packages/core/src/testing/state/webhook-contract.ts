import { describe, expect, it } from 'vitest';
import type { StateStore } from '../../state/state-store.js';
import type {
  DeliveryNext,
  NewWebhookSubscription,
  WebhookAttempt,
  WebhookDelivery,
} from '../../state/webhook-records.js';
import { expectProvisioningError } from '../expect-error.js';
import { ACME, ACME_OTHER, at, GLOBEX, type StoreTestKit, stored } from './state-contract-kit.js';

const SECRET = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: at(0) };

function subscription(id: string, overrides: Partial<NewWebhookSubscription> = {}): NewWebhookSubscription {
  return {
    id,
    tenant: 'acme',
    url: 'https://hooks.example.test/in',
    secrets: [SECRET],
    createdAt: at(0),
    ...overrides,
  };
}

function attempt(
  deliveryId: string,
  number: number,
  outcome: WebhookAttempt['outcome'],
  statusCode = 500,
): WebhookAttempt {
  return { deliveryId, attempt: number, startedAt: at(2, number), durationMs: 3, statusCode, outcome };
}

/** Records one attempt; its delivery after it, or undefined when the lease was lost. */
async function recordOne(
  store: StateStore,
  owner: string,
  attempt: WebhookAttempt,
  next: DeliveryNext,
): Promise<WebhookDelivery | undefined> {
  const { recorded, lost } = await store.recordWebhookAttempts({ owner, results: [{ attempt, next }] });
  expect(recorded.length + lost.length).toBe(1);
  if (recorded.length === 0) return undefined;
  expect(recorded).toEqual([attempt.deliveryId]);
  return deliveryById(store, attempt.deliveryId);
}

/** A delivery as `listWebhookDeliveries` lists it. */
async function deliveryById(store: StateStore, id: string): Promise<WebhookDelivery | undefined> {
  for (const subscription of await store.listWebhookSubscriptions({})) {
    const found = (await store.listWebhookDeliveries({ subscriptionId: subscription.id, limit: 1000 })).find(
      (item) => item.id === id,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The three acme deliveries of a fresh subscription `wh-1`, claimed by `owner`. */
async function claimAll(store: StateStore, owner: string, leaseUntil: string) {
  await logEvents(store);
  await store.createWebhookSubscription(subscription('wh-1', { startAfter: '0' }));
  await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, now: at(2) });
  return store.claimWebhookDeliveries({ now: at(2), limit: 10, owner, leaseUntil });
}

/** Three events for acme (two mock, one lastpass) and one for globex. */
async function logEvents(store: StateStore): Promise<void> {
  await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
  await store.recordUserWrites(ACME_OTHER, [{ kind: 'upsert', user: stored(2) }], at(1));
  await store.recordUserWrites(GLOBEX, [{ kind: 'upsert', user: stored(3) }], at(1));
  await store.recordUserWrites(ACME, [{ kind: 'delete', userId: 'u-000001' }], at(1));
}

/** Endpoints, deliveries owed to them, leases and attempts. */
export function webhookContract(kit: StoreTestKit): void {
  describe('webhook subscriptions and deliveries', () => {
    it('creates, reads, updates and deletes subscriptions, secrets included', async () => {
      const store = await kit.open();
      const created = await store.createWebhookSubscription(
        subscription('wh-1', { provider: 'mock', eventTypes: ['user.created'] }),
      );
      expect(created).toMatchObject({
        id: 'wh-1',
        status: 'enabled',
        provider: 'mock',
        secrets: [SECRET],
        cursor: '0',
      });
      await expectProvisioningError(store.createWebhookSubscription(subscription('wh-1')), 'conflict');
      await store.createWebhookSubscription(subscription('wh-2', { tenant: 'globex' }));
      const rotated = [
        { ...SECRET, expiresAt: at(9) },
        { secret: 'whsec_second', createdAt: at(3) },
      ];
      const updated = await store.updateWebhookSubscription('wh-1', {
        secrets: rotated,
        eventTypes: null,
        status: 'disabled',
        disabledReason: 'failing since 2024-05-08',
        updatedAt: at(3),
      });
      expect(updated).toMatchObject({
        secrets: rotated,
        status: 'disabled',
        disabledAt: at(3),
        updatedAt: at(3),
      });
      expect(updated.eventTypes).toBeUndefined();
      expect(await store.getWebhookSubscription('wh-1')).toEqual(updated);
      expect((await store.listWebhookSubscriptions({ tenant: 'acme' })).map((item) => item.id)).toEqual([
        'wh-1',
      ]);
      expect((await store.listWebhookSubscriptions({ status: 'enabled' })).map((item) => item.id)).toEqual([
        'wh-2',
      ]);
      const enabled = await store.updateWebhookSubscription('wh-1', { status: 'enabled', updatedAt: at(4) });
      expect(enabled.disabledAt).toBeUndefined();
      expect(enabled.disabledReason).toBeUndefined();
      await expectProvisioningError(
        store.updateWebhookSubscription('nope', { updatedAt: at(4) }),
        'not_found',
      );
      expect(await store.deleteWebhookSubscription('wh-1')).toBe(true);
      expect(await store.deleteWebhookSubscription('wh-1')).toBe(false);
      expect(await store.getWebhookSubscription('wh-1')).toBeUndefined();
    });

    it('starts a subscription at the end of the log unless told where', async () => {
      const store = await kit.open();
      await logEvents(store);
      const fresh = await store.createWebhookSubscription(subscription('wh-new'));
      expect(fresh.cursor).toBe(await store.lastCursor());
      expect(await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-new', limit: 10, now: at(2) })).toBe(
        0,
      );
      await store.createWebhookSubscription(subscription('wh-all', { startAfter: '0' }));
      expect(await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-all', limit: 10, now: at(2) })).toBe(
        3,
      );
    });

    it('enqueues the matching events once, in log order, moving the cursor past the rest', async () => {
      const store = await kit.open();
      await logEvents(store);
      await store.createWebhookSubscription(
        subscription('wh-1', { provider: 'mock', eventTypes: ['user.deleted'], startAfter: '0' }),
      );
      expect(await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, now: at(2) })).toBe(1);
      expect((await store.getWebhookSubscription('wh-1'))?.cursor).toBe(await store.lastCursor());
      expect(await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, now: at(2) })).toBe(0);
      const [delivery] = await store.listWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10 });
      const [deleted] = (await store.listEvents({ tenant: 'acme', limit: 10 })).filter(
        (event) => event.type === 'user.deleted',
      );
      expect(delivery).toMatchObject({
        status: 'pending',
        attempts: 0,
        eventId: deleted!.id,
        eventCursor: deleted!.cursor,
        nextAttemptAt: at(2),
      });

      await store.createWebhookSubscription(subscription('wh-2', { startAfter: '0' }));
      expect(await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-2', limit: 2, now: at(2) })).toBe(2);
      expect(await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-2', limit: 2, now: at(2) })).toBe(1);
      const ids = (await store.listWebhookDeliveries({ subscriptionId: 'wh-2', limit: 10 })).map(
        (item) => item.eventCursor,
      );
      expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
      await store.updateWebhookSubscription('wh-2', { status: 'disabled', updatedAt: at(3) });
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(9) }], at(3));
      expect(await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-2', limit: 10, now: at(3) })).toBe(0);
      await expectProvisioningError(
        store.enqueueWebhookDeliveries({ subscriptionId: 'nope', limit: 1, now: at(3) }),
        'not_found',
      );
    });

    it('leases due deliveries to one worker; a lease that runs out makes them claimable again', async () => {
      const store = await kit.open();
      await logEvents(store);
      await store.createWebhookSubscription(subscription('wh-1', { startAfter: '0' }));
      await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, now: at(2) });
      expect(
        await store.claimWebhookDeliveries({ now: at(1), limit: 10, owner: 'w1', leaseUntil: at(3) }),
      ).toEqual([]);
      const claimed = await store.claimWebhookDeliveries({
        now: at(2),
        limit: 2,
        owner: 'w1',
        leaseUntil: at(2, 10),
      });
      expect(claimed.map((item) => item.leaseOwner)).toEqual(['w1', 'w1']);
      // While leased, a delivery is due again when its lease ends.
      expect(claimed.map((item) => item.nextAttemptAt)).toEqual([at(2, 10), at(2, 10)]);
      const [logged] = await store.listEvents({ tenant: 'acme', limit: 1 });
      expect(claimed[0]?.body).toBe(JSON.stringify(logged));
      expect(JSON.parse(claimed[0]!.body)).toMatchObject({ type: 'user.created', tenant: 'acme' });
      const second = await store.claimWebhookDeliveries({
        now: at(2, 1),
        limit: 10,
        owner: 'w2',
        leaseUntil: at(2, 20),
      });
      expect(second).toHaveLength(1);
      expect(second[0]?.id).not.toBe(claimed[0]?.id);
      // w1 died: its deliveries come back once its lease is over; nothing is lost.
      const again = await store.claimWebhookDeliveries({
        now: at(2, 11),
        limit: 10,
        owner: 'w3',
        leaseUntil: at(2, 30),
      });
      expect(again.map((item) => item.id).sort()).toEqual(claimed.map((item) => item.id).sort());
      await store.updateWebhookSubscription('wh-1', { status: 'disabled', updatedAt: at(2, 40) });
      expect(
        await store.claimWebhookDeliveries({ now: at(3), limit: 10, owner: 'w4', leaseUntil: at(4) }),
      ).toEqual([]);
    });

    it('claims new events as deliveries leased at once, with their bodies, moving the cursor', async () => {
      const store = await kit.open();
      await logEvents(store);
      await store.createWebhookSubscription(subscription('wh-1', { provider: 'mock', startAfter: '0' }));
      const lease = { now: at(2), owner: 'w1', leaseUntil: at(2, 10) };
      const first = await store.claimNewWebhookDeliveries({ subscriptionId: 'wh-1', limit: 1, ...lease });
      const rest = await store.claimNewWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, ...lease });
      const logged = (await store.listEvents({ tenant: 'acme', limit: 10 })).filter(
        (event) => event.provider === 'mock',
      );
      expect([...first, ...rest].map((item) => item.body)).toEqual(
        logged.map((event) => JSON.stringify(event)),
      );
      expect([...first, ...rest].map((item) => item.eventType)).toEqual(logged.map((event) => event.type));
      expect(first[0]).toMatchObject({
        status: 'pending',
        attempts: 0,
        eventId: logged[0]!.id,
        leaseOwner: 'w1',
        leaseUntil: at(2, 10),
        nextAttemptAt: at(2, 10),
      });
      expect((await store.getWebhookSubscription('wh-1'))?.cursor).toBe(await store.lastCursor());
      expect(await store.claimNewWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, ...lease })).toEqual(
        [],
      );
      // Leased: no one else claims them until the lease ends, then anyone may (w1 died).
      expect(
        await store.claimWebhookDeliveries({ now: at(2, 9), limit: 10, owner: 'w2', leaseUntil: at(3) }),
      ).toEqual([]);
      const again = await store.claimWebhookDeliveries({
        now: at(2, 10),
        limit: 10,
        owner: 'w2',
        leaseUntil: at(3),
      });
      expect(again.map((item) => item.id)).toEqual([...first, ...rest].map((item) => item.id));
      // The lease is real: w1, which lost it, cannot record an attempt any more.
      const { lost } = await store.recordWebhookAttempts({
        owner: 'w1',
        results: [{ attempt: attempt(first[0]!.id, 1, 'succeeded', 200), next: { status: 'succeeded' } }],
      });
      expect(lost).toEqual([first[0]!.id]);
      await store.updateWebhookSubscription('wh-1', { status: 'disabled', updatedAt: at(3) });
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(8) }], at(3));
      expect(await store.claimNewWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, ...lease })).toEqual(
        [],
      );
      await expectProvisioningError(
        store.claimNewWebhookDeliveries({ subscriptionId: 'nope', limit: 1, ...lease }),
        'not_found',
      );
    });

    it('records attempts, schedules retries, ends deliveries and refuses a worker that lost its lease', async () => {
      const store = await kit.open();
      const [a, b, c] = await claimAll(store, 'w1', at(3));
      const retried = await recordOne(store, 'w1', attempt(a!.id, 1, 'failed', 503), {
        status: 'pending',
        nextAttemptAt: at(2, 30),
      });
      expect(retried).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: at(2, 30),
        lastStatusCode: 503,
      });
      expect(retried?.leaseOwner).toBeUndefined();
      expect(
        await store.claimWebhookDeliveries({ now: at(2, 29), limit: 10, owner: 'w2', leaseUntil: at(4) }),
      ).toEqual([]);
      const [due] = await store.claimWebhookDeliveries({
        now: at(2, 30),
        limit: 10,
        owner: 'w2',
        leaseUntil: at(4),
      });
      expect(due?.id).toBe(a!.id);
      const done = await recordOne(store, 'w2', attempt(a!.id, 2, 'succeeded', 204), { status: 'succeeded' });
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 204 });
      const gone = await recordOne(store, 'w1', attempt(b!.id, 1, 'failed', 410), { status: 'failed' });
      expect(gone?.status).toBe('failed');
      const { recorded, lost } = await store.recordWebhookAttempts({
        owner: 'someone',
        results: [{ attempt: attempt(c!.id, 1, 'succeeded', 200), next: { status: 'succeeded' } }],
      });
      expect(recorded).toEqual([]);
      expect(lost).toEqual([c!.id]);
      expect(await store.listWebhookAttempts(c!.id)).toEqual([]);
      expect(
        (await store.listWebhookAttempts(a!.id)).map((item) => [item.attempt, item.statusCode, item.outcome]),
      ).toEqual([
        [1, 503, 'failed'],
        [2, 204, 'succeeded'],
      ]);
      expect(
        (await store.listWebhookDeliveries({ subscriptionId: 'wh-1', status: 'pending', limit: 10 })).map(
          (item) => item.id,
        ),
      ).toEqual([c!.id]);
      const [first] = await store.listWebhookDeliveries({ subscriptionId: 'wh-1', limit: 1 });
      const after = await store.listWebhookDeliveries({
        subscriptionId: 'wh-1',
        after: first!.id,
        limit: 10,
      });
      expect(after.map((item) => item.id)).toEqual([b!.id, c!.id]);
    });

    it('drops deliveries with their subscription, and with the events retention prunes', async () => {
      const store = await kit.open();
      await logEvents(store);
      await store.createWebhookSubscription(subscription('wh-1', { startAfter: '0' }));
      await store.createWebhookSubscription(subscription('wh-2', { startAfter: '0' }));
      await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, now: at(2) });
      await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-2', limit: 10, now: at(2) });
      const [delivery] = await store.claimWebhookDeliveries({
        now: at(2),
        limit: 1,
        owner: 'w1',
        leaseUntil: at(3),
      });
      await recordOne(store, 'w1', attempt(delivery!.id, 1, 'failed'), { status: 'failed' });
      await store.deleteWebhookSubscription(delivery!.subscriptionId);
      expect(
        await store.listWebhookDeliveries({ subscriptionId: delivery!.subscriptionId, limit: 10 }),
      ).toEqual([]);
      expect(await store.listWebhookAttempts(delivery!.id)).toEqual([]);
      expect(await store.pruneEvents(at(5))).toBe(4);
      const remaining = delivery!.subscriptionId === 'wh-1' ? 'wh-2' : 'wh-1';
      expect(await store.listWebhookDeliveries({ subscriptionId: remaining, limit: 10 })).toEqual([]);
    });

    it('records a batch of attempts in one call, in order, leaving out those whose lease was lost', async () => {
      const store = await kit.open();
      await logEvents(store);
      await store.createWebhookSubscription(subscription('wh-1', { startAfter: '0' }));
      await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, now: at(2) });
      const [a, b] = await store.claimWebhookDeliveries({
        now: at(2),
        limit: 2,
        owner: 'w1',
        leaseUntil: at(4),
      });
      const [c] = await store.claimWebhookDeliveries({
        now: at(2),
        limit: 1,
        owner: 'w1',
        leaseUntil: at(2, 10),
      });
      // w1's lease on c ran out and w2 claimed it.
      const taken = await store.claimWebhookDeliveries({
        now: at(2, 11),
        limit: 5,
        owner: 'w2',
        leaseUntil: at(3),
      });
      expect(taken.map((item) => item.id)).toEqual([c!.id]);
      const { recorded, lost } = await store.recordWebhookAttempts({
        owner: 'w1',
        results: [
          { attempt: attempt(b!.id, 1, 'succeeded', 200), next: { status: 'succeeded' } },
          { attempt: attempt(a!.id, 1, 'failed', 500), next: { status: 'pending', nextAttemptAt: at(3) } },
          { attempt: attempt(c!.id, 1, 'succeeded', 200), next: { status: 'succeeded' } },
        ],
      });
      expect(recorded).toEqual([b!.id, a!.id]);
      expect((await deliveryById(store, b!.id))?.status).toBe('succeeded');
      expect((await deliveryById(store, a!.id))?.status).toBe('pending');
      expect(lost).toEqual([c!.id]);
      expect(await store.recordWebhookAttempts({ owner: 'w1', results: [] })).toEqual({
        recorded: [],
        lost: [],
      });
    });

    it('records a batch of successes, each with its own status, start and count, as alone', async () => {
      const store = await kit.open();
      const [a, b, c] = await claimAll(store, 'w1', at(4));
      // a fails first and is claimed again, so its success is its second attempt.
      await recordOne(store, 'w1', attempt(a!.id, 1, 'failed', 503), {
        status: 'pending',
        nextAttemptAt: at(2, 5),
      });
      await store.claimWebhookDeliveries({ now: at(2, 5), limit: 10, owner: 'w1', leaseUntil: at(4) });
      const success = (id: string, number: number, statusCode: number, second: number) => ({
        attempt: { ...attempt(id, number, 'succeeded', statusCode), startedAt: at(2, second) },
        next: { status: 'succeeded' as const },
      });
      const { recorded, lost } = await store.recordWebhookAttempts({
        owner: 'w1',
        results: [success(a!.id, 2, 200, 7), success(b!.id, 1, 204, 7), success(c!.id, 1, 200, 8)],
      });
      expect(recorded).toEqual([a!.id, b!.id, c!.id]);
      expect(lost).toEqual([]);
      const states = await Promise.all([a, b, c].map((item) => deliveryById(store, item!.id)));
      expect(
        states.map((item) => [item?.status, item?.attempts, item?.lastStatusCode, item?.updatedAt]),
      ).toEqual([
        ['succeeded', 2, 200, at(2, 7)],
        ['succeeded', 1, 204, at(2, 7)],
        ['succeeded', 1, 200, at(2, 8)],
      ]);
      for (const state of states) {
        expect(state?.leaseOwner).toBeUndefined();
        expect(state?.leaseUntil).toBeUndefined();
        expect(state?.nextAttemptAt).toBeUndefined();
        expect(state?.lastError).toBeUndefined();
      }
      expect((await store.listWebhookAttempts(a!.id)).map((item) => item.statusCode)).toEqual([503, 200]);
      // Recorded once: the same successes again find no lease.
      const again = await store.recordWebhookAttempts({ owner: 'w1', results: [success(b!.id, 1, 204, 9)] });
      expect(again).toEqual({ recorded: [], lost: [b!.id] });
      expect(await store.listWebhookAttempts(b!.id)).toHaveLength(1);
    });

    it("keeps an endpoint's failingSince: set by the first failure, cleared by a success and by enabling", async () => {
      const store = await kit.open();
      const [a, b, c] = await claimAll(store, 'w1', at(4));
      const failingSince = async () => (await store.getWebhookSubscription('wh-1'))?.failingSince;
      expect(await failingSince()).toBeUndefined();
      await recordOne(store, 'w1', attempt(a!.id, 1, 'failed', 500), { status: 'failed' });
      expect(await failingSince()).toBe(at(2, 1));
      await recordOne(store, 'w1', attempt(b!.id, 2, 'failed', 500), { status: 'failed' });
      expect(await failingSince()).toBe(at(2, 1));
      await recordOne(store, 'w1', attempt(c!.id, 3, 'succeeded', 200), { status: 'succeeded' });
      expect(await failingSince()).toBeUndefined();
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(7) }], at(3));
      await store.enqueueWebhookDeliveries({ subscriptionId: 'wh-1', limit: 10, now: at(3) });
      const [d] = await store.claimWebhookDeliveries({
        now: at(3),
        limit: 1,
        owner: 'w1',
        leaseUntil: at(4),
      });
      await recordOne(store, 'w1', attempt(d!.id, 1, 'failed', 500), { status: 'failed' });
      expect(await failingSince()).toBe(at(2, 1));
      await store.updateWebhookSubscription('wh-1', { status: 'disabled', updatedAt: at(5) });
      await store.updateWebhookSubscription('wh-1', { status: 'enabled', updatedAt: at(6) });
      expect(await failingSince()).toBeUndefined();
    });

    it('disables an endpoint with its event in one step, announcing it once', async () => {
      const store = await kit.open();
      await store.createWebhookSubscription(subscription('wh-1'));
      const draft = {
        id: 'evt_disabled_1',
        type: 'webhook.disabled' as const,
        source: 'provisionkit' as const,
        time: at(5),
        tenant: 'acme',
        provider: 'provisionkit',
        data: {
          subscriptionId: 'wh-1',
          host: 'hooks.example.test',
          reason: 'gone' as const,
          statusCode: 410,
        },
      };
      const before = await store.lastCursor();
      const first = await store.disableWebhookSubscription({
        id: 'wh-1',
        reason: 'gone',
        at: at(5),
        event: draft,
      });
      expect(first.subscription).toMatchObject({
        status: 'disabled',
        disabledReason: 'gone',
        disabledAt: at(5),
      });
      expect(first.event).toMatchObject({ ...draft, sequence: 1 });
      const again = await store.disableWebhookSubscription({
        id: 'wh-1',
        reason: 'failing',
        at: at(6),
        event: { ...draft, id: 'evt_disabled_2' },
      });
      expect(again.event).toBeUndefined();
      expect(again.subscription).toMatchObject({ disabledReason: 'gone', disabledAt: at(5) });
      const logged = await store.listEvents({ tenant: 'acme', after: before, limit: 10 });
      expect(logged.map((event) => event.id)).toEqual(['evt_disabled_1']);
      expect(await store.getWebhookSubscription('wh-1')).toEqual(first.subscription);
      await expectProvisioningError(
        store.disableWebhookSubscription({ id: 'nope', reason: 'gone', at: at(6), event: draft }),
        'not_found',
      );
    });
  });
}

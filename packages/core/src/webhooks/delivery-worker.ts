import type { Logger } from '../composition/logger.js';
import type { StateStore } from '../state/state-store.js';
import type { AttemptResult, ClaimedDelivery, WebhookSubscription } from '../state/webhook-records.js';
import {
  type AttemptContext,
  type AttemptReport,
  deliverAttempt,
  type EndpointTarget,
  endpointTarget,
} from './deliver-attempt.js';
import { disabledEventDraft } from './disabled-event.js';

/** What one round did. */
export interface DeliveryRound {
  /** Attempts made (each delivery at most once per round unless a retry fell due within it). */
  readonly attempted: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Endpoints disabled in this round (`410 Gone`, or failing longer than allowed). */
  readonly disabled: number;
}

export interface WorkerSettings {
  readonly store: StateStore;
  readonly logger: Logger | undefined;
  readonly owner: string;
  readonly concurrency: number;
  /** A fixed lease; default: long enough for every claimed delivery to be tried at the worst. */
  readonly leaseMs: number | undefined;
  readonly timeoutMs: number;
  readonly disableAfterMs: number;
  readonly attempt: AttemptContext;
}

const ENQUEUE_BATCH = 1000;
const FLUSH_SIZE = 256;
// Deliveries claimed per store call: enough that claiming costs little per delivery, few enough
// that a crash leaves little waiting for its lease to run out.
const CLAIM_MAX = 256;
const LEASE_MARGIN_MS = 30_000;
// Results wait at most this long before they are written, so a crash redelivers little.
const FLUSH_AGE_MS = 200;

/**
 * One delivery round: turns new log events into deliveries for every enabled endpoint, disables
 * endpoints failing for too long, then sends every delivery due now with at most `concurrency`
 * attempts in flight, claiming more as workers free up, and records attempts in batches (one
 * transaction per batch). A delivery whose attempt is not yet recorded when the process dies is
 * claimed again once its lease runs out: at least once, never lost.
 */
export class DeliveryWorker {
  readonly #settings: WorkerSettings;

  constructor(settings: WorkerSettings) {
    this.#settings = settings;
  }

  async round(stopping: () => boolean): Promise<DeliveryRound> {
    const { store } = this.#settings;
    const counts = { attempted: 0, succeeded: 0, failed: 0, disabled: 0 };
    const endpoints = new Map<string, WebhookSubscription>();
    for (const subscription of await store.listWebhookSubscriptions({ status: 'enabled' })) {
      if (this.#failingTooLong(subscription)) {
        if (await this.#disable(subscription, 'failing')) counts.disabled += 1;
        continue;
      }
      endpoints.set(subscription.id, subscription);
      await this.#enqueue(subscription.id);
    }
    const queue: ClaimedDelivery[] = [];
    let exhausted = false;
    let claiming: Promise<void> | undefined;
    const refill = (): Promise<void> => {
      claiming ??= this.#claim(queue).then(
        (full) => {
          exhausted = !full;
          claiming = undefined;
        },
        (error: unknown) => {
          exhausted = true;
          claiming = undefined;
          throw error;
        },
      );
      return claiming;
    };
    const prefetch = (): void => {
      // Claims ahead while the queue runs low, so workers rarely wait for the store.
      if (queue.length < CLAIM_MAX / 2 && !exhausted && !stopping()) {
        refill().catch(() => undefined);
      }
    };
    const wait = async (): Promise<ClaimedDelivery | undefined> => {
      for (;;) {
        if (queue.length > 0) return queue.shift();
        if (exhausted || stopping()) return undefined;
        await refill();
      }
    };
    // Synchronous while the queue has work: no promise per delivery just to take it.
    const take = (): ClaimedDelivery | undefined | Promise<ClaimedDelivery | undefined> => {
      const next = queue.shift();
      prefetch();
      return next ?? wait();
    };
    const targets = new Map<string, EndpointTarget>();
    const recorder = new AttemptRecorder(this.#settings);
    const work = async (): Promise<void> => {
      for (;;) {
        const taken = take();
        const delivery = taken instanceof Promise ? await taken : taken;
        if (delivery === undefined) return;
        const endpoint =
          endpoints.get(delivery.subscriptionId) ?? (await this.#endpoint(delivery, endpoints));
        if (endpoint?.status !== 'enabled') continue;
        const report = await this.#attempt(delivery, endpoint, targets);
        counts.attempted += 1;
        if (report.attempt.outcome === 'succeeded') counts.succeeded += 1;
        else counts.failed += 1;
        recorder.add(report);
        if (report.gone) {
          endpoints.set(endpoint.id, { ...endpoint, status: 'disabled' });
          if (await this.#disable(endpoint, 'gone', 410)) counts.disabled += 1;
        }
        if (recorder.size >= FLUSH_SIZE || recorder.ageMs >= FLUSH_AGE_MS) await recorder.flush();
      }
    };
    try {
      await Promise.all(Array.from({ length: this.#settings.concurrency }, work));
    } finally {
      await recorder.flush();
    }
    return counts;
  }

  /** Claims work for the workers; true when the claim was full (more may be due). */
  async #claim(queue: ClaimedDelivery[]): Promise<boolean> {
    const now = this.#settings.attempt.now();
    const { concurrency, timeoutMs } = this.#settings;
    const limit = CLAIM_MAX;
    // Every claimed delivery waits behind those queued before it: at worst each batch of
    // `concurrency` takes the whole timeout. The lease covers that, so no other worker takes a
    // delivery this one is about to send.
    const waves = Math.ceil((queue.length + limit) / concurrency) + 1;
    const leaseMs = this.#settings.leaseMs ?? waves * timeoutMs + LEASE_MARGIN_MS;
    const claimed = await this.#settings.store.claimWebhookDeliveries({
      now: now.toISOString(),
      limit,
      owner: this.#settings.owner,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    });
    queue.push(...claimed);
    return claimed.length === limit;
  }

  async #enqueue(subscriptionId: string): Promise<void> {
    const now = this.#settings.attempt.now().toISOString();
    for (;;) {
      const created = await this.#settings.store.enqueueWebhookDeliveries({
        subscriptionId,
        limit: ENQUEUE_BATCH,
        now,
      });
      if (created < ENQUEUE_BATCH) return;
    }
  }

  async #endpoint(
    delivery: ClaimedDelivery,
    endpoints: Map<string, WebhookSubscription>,
  ): Promise<WebhookSubscription | undefined> {
    const found = await this.#settings.store.getWebhookSubscription(delivery.subscriptionId);
    if (found !== undefined) endpoints.set(found.id, found);
    return found;
  }

  async #attempt(
    delivery: ClaimedDelivery,
    endpoint: WebhookSubscription,
    targets: Map<string, EndpointTarget>,
  ): Promise<AttemptReport> {
    let report: AttemptReport;
    try {
      let target = targets.get(endpoint.id);
      if (target === undefined) {
        target = endpointTarget(this.#settings.attempt, endpoint);
        targets.set(endpoint.id, target);
      }
      report = await deliverAttempt(this.#settings.attempt, delivery, target);
    } catch {
      // A stored secret that no longer decodes, say: retried later, and visible in the attempts.
      report = {
        attempt: {
          deliveryId: delivery.id,
          attempt: delivery.attempts + 1,
          startedAt: this.#settings.attempt.now().toISOString(),
          durationMs: 0,
          error: 'internal',
          outcome: 'failed',
        },
        next: {
          status: 'pending',
          nextAttemptAt: new Date(this.#settings.attempt.now().getTime() + 60_000).toISOString(),
        },
        gone: false,
      };
    }
    if (report.attempt.outcome === 'failed') {
      this.#settings.logger?.warn(
        {
          endpointId: endpoint.id,
          deliveryId: delivery.id,
          eventId: delivery.eventId,
          attempt: report.attempt.attempt,
          statusCode: report.attempt.statusCode,
          error: report.attempt.error,
          next: report.next.status === 'pending' ? report.next.nextAttemptAt : report.next.status,
        },
        'webhook attempt failed',
      );
    }
    return report;
  }

  #failingTooLong(subscription: WebhookSubscription): boolean {
    if (subscription.failingSince === undefined) return false;
    const since = Date.parse(subscription.failingSince);
    return this.#settings.attempt.now().getTime() - since >= this.#settings.disableAfterMs;
  }

  /** Disables the endpoint with its event; false when another worker did first. */
  async #disable(subscription: WebhookSubscription, reason: 'gone' | 'failing', statusCode?: number) {
    const at = this.#settings.attempt.now().toISOString();
    const { event } = await this.#settings.store.disableWebhookSubscription({
      id: subscription.id,
      reason,
      at,
      event: disabledEventDraft(subscription, reason, at, statusCode),
    });
    if (event !== undefined) {
      this.#settings.logger?.warn(
        { endpointId: subscription.id, reason, failingSince: subscription.failingSince },
        'webhook endpoint disabled',
      );
    }
    return event !== undefined;
  }
}

/** Buffers attempt results and writes them in one transaction per batch, one batch at a time. */
class AttemptRecorder {
  readonly #settings: WorkerSettings;
  #pending: AttemptResult[] = [];
  #oldest = 0;
  #writing: Promise<void> = Promise.resolve();

  constructor(settings: WorkerSettings) {
    this.#settings = settings;
  }

  get size(): number {
    return this.#pending.length;
  }

  /** How long the oldest result has waited to be written (0 when none waits). */
  get ageMs(): number {
    return this.#pending.length === 0 ? 0 : performance.now() - this.#oldest;
  }

  add(result: AttemptResult): void {
    if (this.#pending.length === 0) this.#oldest = performance.now();
    this.#pending.push({ attempt: result.attempt, next: result.next });
  }

  flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = [];
    this.#writing = this.#writing.then(async () => {
      if (batch.length === 0) return;
      const { lost } = await this.#settings.store.recordWebhookAttempts({
        owner: this.#settings.owner,
        results: batch,
      });
      if (lost.length > 0) {
        // Its lease ran out and another worker took it over: that worker's attempt counts.
        this.#settings.logger?.warn({ deliveries: lost.length }, 'webhook leases lost before recording');
      }
    });
    return this.#writing;
  }
}

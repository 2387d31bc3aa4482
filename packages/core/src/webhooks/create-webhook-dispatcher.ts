import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { parseInput } from '../errors/from-zod.js';
import { newOwner } from '../sync/run-owner.js';
import { sourceOf } from '../telemetry/telemetry.js';
import { AddressPolicy } from './address-policy.js';
import { type DeliveryRound, DeliveryWorker } from './delivery-worker.js';
import { guardedLookup } from './guarded-lookup.js';
import type { WebhookTransport } from './post-webhook.js';
import { WebhookDispatcherOptions } from './webhook-dispatcher-options.js';
import { WebhookEndpoints } from './webhook-endpoints.js';

/**
 * Webhook endpoints and their delivery worker, over a state store. Manage endpoints with
 * `endpoints`; deliver with `start()` / `stop()` (a background loop) or `deliverDue()` (one round,
 * now). Several dispatchers (processes) may share one store: each claims deliveries under a lease.
 */
export interface WebhookDispatcher {
  readonly endpoints: WebhookEndpoints;
  /**
   * One round now: new log events become deliveries, endpoints failing too long are disabled, and
   * every delivery due is attempted (retries on their schedule). Resolves when the round is done;
   * rounds never overlap (a call during one waits for it, then runs its own).
   */
  deliverDue(): Promise<DeliveryRound>;
  /** Starts the background loop: rounds back to back while there is work, else every `pollIntervalMs`. */
  start(): void;
  /** Looks for work now instead of at the next poll (after a sync, say). */
  nudge(): void;
  /**
   * Stops the loop: no new delivery is claimed, attempts in flight finish (each within
   * `timeoutMs`) and are recorded, and idle connections are closed. Resolves when it is stopped.
   */
  stop(): Promise<void>;
  /** True between `start()` and `stop()`. */
  readonly running: boolean;
}

/** Creates a dispatcher. Options are validated (`invalid_input` naming each wrong one). */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const parsed = parseInput(WebhookDispatcherOptions, options, { argument: 'options' });
  const now = parsed.now ?? (() => new Date());
  // Read for every attempt: without a host clock, no date is made just to read its time.
  const nowMs = parsed.now === undefined ? Date.now : () => now().getTime();
  const policy = new AddressPolicy(parsed.urlPolicy.allowPrivateNetworks);
  let transport = newTransport();
  const endpoints = new WebhookEndpoints(parsed.store, parsed.urlPolicy, now);
  const worker = new DeliveryWorker({
    store: parsed.store,
    logger: parsed.logger,
    owner: newOwner(),
    concurrency: parsed.concurrency,
    leaseMs: parsed.leaseMs,
    timeoutMs: parsed.timeoutMs,
    disableAfterMs: parsed.disableAfterMs,
    telemetry: sourceOf(parsed.telemetry),
    attempt: {
      get transport() {
        return transport;
      },
      policy: parsed.urlPolicy,
      schedule: parsed.retrySchedule,
      jitter: parsed.jitter,
      random: parsed.random ?? Math.random,
      now,
      nowMs,
      userAgent: parsed.userAgent,
    },
  });

  let running = false;
  let stopping = false;
  let current: Promise<DeliveryRound> = Promise.resolve({
    attempted: 0,
    succeeded: 0,
    failed: 0,
    disabled: 0,
  });
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  function newTransport(): WebhookTransport {
    const agentOptions = { keepAlive: true, maxSockets: parsed.concurrency };
    return {
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new HttpsAgent(agentOptions),
      policy,
      lookup: guardedLookup(policy, parsed.resolve),
      timeoutMs: parsed.timeoutMs,
      maxResponseBytes: parsed.maxResponseBytes,
    };
  }

  function deliverDue(): Promise<DeliveryRound> {
    // Rounds are serialised: two would claim from the same queue in one process for nothing.
    const next = current.catch(() => undefined).then(() => worker.round(() => stopping));
    current = next;
    return next;
  }

  async function run(): Promise<void> {
    while (running) {
      let busy = false;
      try {
        busy = (await deliverDue()).attempted > 0;
      } catch (error) {
        parsed.logger?.warn(
          {
            error:
              error instanceof Error
                ? { name: error.name, code: (error as { code?: unknown }).code }
                : typeof error,
          },
          'webhook delivery round failed; retrying at the next poll',
        );
      }
      if (busy || !running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, parsed.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    endpoints,
    deliverDue,
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      stopping = false;
      loop = run();
    },
    nudge() {
      wake?.();
    },
    async stop() {
      running = false;
      stopping = true;
      wake?.();
      await loop;
      await current.catch(() => undefined);
      loop = undefined;
      stopping = false;
      const closing = transport;
      transport = newTransport();
      closing.httpAgent.destroy();
      closing.httpsAgent.destroy();
    },
  };
}

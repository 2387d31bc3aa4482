import type { Logger } from '../composition/logger.js';
import { ConflictError } from '../errors/error-classes.js';
import type { EventDraft } from '../events/provision-event.js';
import type { OperationEvent } from '../middleware/operation-event.js';
import { type ConnectionKey, describeKey } from '../state/connection-key.js';
import type { StateStore } from '../state/state-store.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { HealthClock } from './health-clock.js';
import type { HealthObservation } from './health-observation.js';
import { judge } from './health-observation.js';
import type { HealthPolicy } from './health-policy.js';
import type { ConnectionHealth } from './health-record.js';
import { planHealth } from './plan-health.js';

interface Entry {
  readonly key: ConnectionKey;
  record: ConnectionHealth | undefined;
  loaded: boolean;
  /** Observations of one connection are applied one after the other, in the order they came. */
  tail: Promise<unknown>;
}

/** How often a write refused because another process wrote first is planned again. */
const MAX_CONFLICTS = 8;

export interface HealthTrackerOptions {
  readonly store: StateStore | undefined;
  readonly policy: HealthPolicy;
  readonly random: () => number;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly clock: HealthClock;
}

/**
 * The kit's memory of each connection's health: applies observations through `planHealth`, one
 * at a time per connection, and writes each change with its events to the store (when there is
 * one), re-reading and planning again when another process wrote first. A connection that works
 * costs nothing: a success that changes nothing is dropped before any store access once the
 * record is known.
 */
export class HealthTracker {
  readonly #options: HealthTrackerOptions;
  readonly #entries = new Map<string, Entry>();

  constructor(options: HealthTrackerOptions) {
    this.#options = options;
  }

  get policy(): HealthPolicy {
    return this.#options.policy;
  }

  /**
   * An operation's outcome, from the connection's `onOperation`: it must not wait or fail, so the
   * write happens in the background (`current` waits for it) and a failure is logged.
   */
  observeOperation(key: ConnectionKey, event: OperationEvent): void {
    const entry = this.#entry(key);
    const { operation, outcome, errorCode } = event;
    const observation: HealthObservation = { kind: 'operation', at: '', operation, outcome, errorCode };
    if (entry.loaded && this.#changesNothing(entry.record, observation)) return;
    const at = this.#options.clock.now().toISOString();
    this.record(key, { ...observation, at }).catch((error: unknown) => {
      this.#options.logger.warn(
        {
          key: describeKey(key),
          error:
            error instanceof Error
              ? { name: error.name, code: (error as { code?: unknown }).code }
              : typeof error,
        },
        'connection health could not be recorded',
      );
    });
  }

  /** Applies an observation after those already queued for the connection; resolves with the record. */
  record(key: ConnectionKey, observation: HealthObservation): Promise<ConnectionHealth | undefined> {
    const entry = this.#entry(key);
    const applied = entry.tail.catch(() => undefined).then(() => this.#apply(entry, observation));
    entry.tail = applied;
    return applied;
  }

  /** The record once every observation queued so far is applied; `refresh` reads the store again first. */
  async current(
    key: ConnectionKey,
    options: { refresh?: boolean } = {},
  ): Promise<ConnectionHealth | undefined> {
    const entry = this.#entry(key);
    const read = entry.tail
      .catch(() => undefined)
      .then(async () => {
        if (options.refresh === true) entry.loaded = false;
        await this.#load(entry);
        return entry.record;
      });
    entry.tail = read;
    return read;
  }

  /** What this process last knew, without waiting: the quarantine gate asks it for every operation. */
  cached(key: ConnectionKey): ConnectionHealth | undefined {
    return this.#entries.get(describeKey(key))?.record;
  }

  /** Forgets a connection nobody holds open any more (its record stays in the store). */
  forget(key: ConnectionKey): void {
    this.#entries.delete(describeKey(key));
  }

  #entry(key: ConnectionKey): Entry {
    const id = describeKey(key);
    let entry = this.#entries.get(id);
    if (entry === undefined) {
      entry = { key, record: undefined, loaded: false, tail: Promise.resolve() };
      this.#entries.set(id, entry);
    }
    return entry;
  }

  #changesNothing(record: ConnectionHealth | undefined, observation: HealthObservation): boolean {
    const verdict = judge(observation);
    if (verdict.kind === 'ignore') return true;
    if (verdict.kind !== 'success' || observation.kind !== 'operation') return false;
    return (
      (record === undefined || record.state === 'healthy') &&
      (record?.consecutiveFailures ?? 0) === 0 &&
      (record?.failingOperations ?? []).length === 0 &&
      (record?.credentials === undefined || record.credentials.status === 'valid')
    );
  }

  async #load(entry: Entry): Promise<void> {
    if (entry.loaded) return;
    const { store } = this.#options;
    entry.record = store === undefined ? entry.record : await store.getConnectionHealth(entry.key);
    entry.loaded = true;
  }

  async #apply(entry: Entry, observation: HealthObservation): Promise<ConnectionHealth | undefined> {
    const { store, policy, random } = this.#options;
    for (let conflicts = 0; ; conflicts += 1) {
      await this.#load(entry);
      const plan = planHealth(entry.record, observation, { key: entry.key, policy, random });
      if (plan === undefined) return entry.record;
      if (store === undefined) {
        entry.record = plan.record;
        this.#log(plan.record, plan.events);
        return entry.record;
      }
      try {
        const saved = await store.saveConnectionHealth({
          record: plan.record,
          expectedRevision: entry.record?.revision ?? 0,
          events: plan.events,
        });
        entry.record = saved.health;
        this.#log(saved.health, saved.events);
        return entry.record;
      } catch (error) {
        // Another process (a monitor elsewhere, say) wrote first: read its record and decide again.
        if (
          !ConflictError.is(error) ||
          error.details?.reason !== 'health_changed' ||
          conflicts >= MAX_CONFLICTS
        )
          throw error;
        entry.loaded = false;
      }
    }
  }

  #log(record: ConnectionHealth, events: readonly EventDraft[]): void {
    const { logger, telemetry } = this.#options;
    const line = {
      tenant: record.tenant,
      provider: record.provider,
      state: record.state,
      consecutiveFailures: record.consecutiveFailures,
      errorCode: record.lastError?.code,
      nextCheckAt: record.nextCheckAt,
    };
    for (const event of events) {
      switch (event.type) {
        case 'connection.operation_failing':
        case 'connection.operation_recovered': {
          // An operation of a healthy connection: no change of the connection's state.
          const { operation, consecutiveFailures } = event.data;
          const failing = event.type === 'connection.operation_failing';
          const operationLine = { ...line, operation, operationFailures: consecutiveFailures };
          if (failing) logger.warn(operationLine, 'operation failing repeatedly');
          else logger.info(operationLine, 'operation recovered');
          break;
        }
        case 'connection.recovered':
          telemetry.recordHealthTransition({ provider: record.provider, state: 'healthy' });
          logger.info(line, 'connection recovered');
          break;
        case 'connection.quarantined':
          telemetry.recordHealthTransition({ provider: record.provider, state: 'quarantined' });
          logger.warn(line, 'connection quarantined');
          break;
        default:
          telemetry.recordHealthTransition({ provider: record.provider, state: 'unhealthy' });
          logger.warn(line, 'connection unhealthy');
      }
    }
  }
}

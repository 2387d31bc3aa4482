import type { Connection } from '../composition/provision-kit.js';
import { InvalidInputError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import { supports } from '../spi/capabilities.js';
import { OperationOptions } from '../spi/operation-options.js';
import { ConnectionKey } from '../state/connection-key.js';
import type { StateStore } from '../state/state-store.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import { type ConnectionStatus, lastRunOf, toConnectionStatus } from './connection-status.js';
import type { HealthClock } from './health-clock.js';
import type { HealthPolicy } from './health-policy.js';
import type { HealthTracker } from './health-tracker.js';

/**
 * The kit's health service (`kit.health`): checks, statuses and the host's switch for checks.
 * A health monitor (`createHealthMonitor`) calls `due` and `check` on a schedule; a host may call
 * them itself.
 */
export interface KitHealth {
  /** The policy the kit was given (defaults applied). */
  readonly policy: HealthPolicy;
  /**
   * Checks the connection's credentials now (`verifyCredentials`) and records the result: the
   * credentials' state, the failure count, a change of state and its event. Resolves with the
   * connection's status. Throws `cancelled` when `signal` aborts, `unsupported_operation` for a
   * provider without `verifyCredentials`, `unavailable` for a closed connection.
   */
  check(
    connection: Connection,
    options?: { readonly signal?: AbortSignal | undefined },
  ): Promise<ConnectionStatus>;
  /** The connection's status (see `ConnectionStatus`), read again from the store when there is one. */
  status(connection: Connection): Promise<ConnectionStatus>;
  /** Every open connection's status, in the order they were opened. */
  statuses(): Promise<ConnectionStatus[]>;
  /**
   * Stops the health checks of a connection (open or not, by key): a monitor skips it until
   * `enableChecks`. Its state, and the slowing of its operations while quarantined, stay.
   */
  disableChecks(target: Connection | ConnectionKey): Promise<ConnectionStatus>;
  /** Resumes a connection's checks; the next one is due at once. */
  enableChecks(target: Connection | ConnectionKey): Promise<ConnectionStatus>;
  /**
   * The open connections whose check is due at `now`: checks enabled, `verifyCredentials`
   * declared, and the time their record says reached (a connection never checked is due shortly
   * after it opened, spread by the policy's jitter). One connection per key.
   */
  due(now?: Date): Promise<Connection[]>;
}

interface Registered {
  readonly key: ConnectionKey;
  /** When an unchecked connection is first due (epoch ms). */
  readonly firstDueAt: number;
}

export interface KitHealthServiceOptions {
  readonly tracker: HealthTracker;
  readonly store: StateStore | undefined;
  readonly clock: HealthClock;
  readonly random: () => number;
  readonly telemetry: Telemetry;
}

/** `KitHealth` over the kit's tracker; the kit registers each connection it opens. */
export class KitHealthService implements KitHealth {
  readonly #options: KitHealthServiceOptions;
  readonly #open = new Map<Connection, Registered>();

  constructor(options: KitHealthServiceOptions) {
    this.#options = options;
  }

  get policy(): HealthPolicy {
    return this.#options.tracker.policy;
  }

  register(connection: Connection, key: ConnectionKey): void {
    const { clock, random } = this.#options;
    // Thousands of connections opened together are first checked over a spread, not at once.
    const spread = random() * this.policy.jitter * this.policy.checkIntervalMs;
    this.#open.set(connection, { key, firstDueAt: clock.now().getTime() + spread });
  }

  unregister(connection: Connection): void {
    const registered = this.#open.get(connection);
    this.#open.delete(connection);
    if (
      registered !== undefined &&
      ![...this.#open.values()].some((other) => sameKey(other.key, registered.key))
    )
      this.#options.tracker.forget(registered.key);
  }

  async check(
    connection: Connection,
    options?: { readonly signal?: AbortSignal | undefined },
  ): Promise<ConnectionStatus> {
    const { key } = this.#registered(connection);
    const { signal } = parseInput(OperationOptions, options ?? {}, { argument: 'options' }) ?? {};
    const check = await connection.directory.verifyCredentials(signal === undefined ? undefined : { signal });
    this.#options.telemetry.recordHealthCheck({ provider: key.provider, status: check.status });
    const at = this.#options.clock.now().toISOString();
    await this.#options.tracker.record(key, { kind: 'check', at, check });
    return this.status(connection);
  }

  async status(connection: Connection): Promise<ConnectionStatus> {
    const { key } = this.#registered(connection);
    return this.#statusOf(key, connection.context.connectionId);
  }

  async statuses(): Promise<ConnectionStatus[]> {
    return Promise.all(
      [...this.#open].map(([connection, { key }]) => this.#statusOf(key, connection.context.connectionId)),
    );
  }

  disableChecks(target: Connection | ConnectionKey): Promise<ConnectionStatus> {
    return this.#setChecks(target, false);
  }

  enableChecks(target: Connection | ConnectionKey): Promise<ConnectionStatus> {
    return this.#setChecks(target, true);
  }

  async due(now: Date = this.#options.clock.now()): Promise<Connection[]> {
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
      throw new InvalidInputError('Invalid now: must be a Date', [
        { path: 'now', message: 'must be a Date' },
      ]);
    }
    const due: Connection[] = [];
    const seen = new Set<string>();
    for (const [connection, registered] of [...this.#open]) {
      const id = `${registered.key.tenant}/${registered.key.provider}`;
      if (seen.has(id) || !supports(connection.directory.capabilities, 'verifyCredentials')) continue;
      seen.add(id);
      const record = await this.#options.tracker.current(registered.key);
      if (record?.checksEnabled === false) continue;
      const dueAt =
        record?.nextCheckAt === undefined ? registered.firstDueAt : Date.parse(record.nextCheckAt);
      if (dueAt <= now.getTime()) due.push(connection);
    }
    return due;
  }

  async #setChecks(target: Connection | ConnectionKey, enabled: boolean): Promise<ConnectionStatus> {
    const registered = this.#open.get(target as Connection);
    const key = registered?.key ?? parseInput(ConnectionKey, target, { argument: 'target' });
    const at = this.#options.clock.now().toISOString();
    await this.#options.tracker.record(key, { kind: 'checks', at, enabled });
    return this.#statusOf(
      key,
      registered === undefined ? undefined : (target as Connection).context.connectionId,
    );
  }

  async #statusOf(key: ConnectionKey, connectionId: string | undefined): Promise<ConnectionStatus> {
    const { store, tracker } = this.#options;
    // Read again: another process (a monitor elsewhere) may have changed the record.
    const health = await tracker.current(key, { refresh: store !== undefined });
    const run = store === undefined ? undefined : await lastRunOf(store, key);
    return toConnectionStatus(key, health, run, connectionId);
  }

  #registered(connection: Connection): Registered {
    const registered = this.#open.get(connection);
    if (registered !== undefined) return registered;
    throw new InvalidInputError('Invalid connection: not an open connection of this kit', [
      { path: 'connection', message: 'must be an open connection of this kit' },
    ]);
  }
}

function sameKey(a: ConnectionKey, b: ConnectionKey): boolean {
  return a.tenant === b.tenant && a.provider === b.provider;
}

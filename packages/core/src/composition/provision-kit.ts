import type { Container } from 'inversify';
import type { EventListQuery, EventPage } from '../events/event-query.js';
import type { ConnectionStatus } from '../health/connection-status.js';
import type { KitHealthOptions } from '../health/health-options.js';
import type { KitHealth } from '../health/kit-health.js';
import type { OperationEvent } from '../middleware/operation-event.js';
import type { ApplyOptions } from '../reconcile/apply-options.js';
import type { ApplyResult } from '../reconcile/apply-result.js';
import type { PlanInput } from '../reconcile/plan-input.js';
import type { ReconcilePlan } from '../reconcile/plan-schema.js';
import type { ConnectionContext, ProviderPlugin } from '../spi/provider-plugin.js';
import type { UserDirectory } from '../spi/user-directory.js';
import type { StateStore } from '../state/state-store.js';
import type { SyncRun } from '../state/sync-run.js';
import type { SyncOptions, SyncSettings } from '../sync/sync-options.js';
import type { SyncChangePage, SyncChangeQuery, SyncRunListQuery } from '../sync/sync-queries.js';
import type { Telemetry, TelemetryOptions } from '../telemetry/telemetry.js';
import type { Logger } from './logger.js';

/** `OperationEvent` of a connection opened by a kit: says whose connection it was. */
export type ConnectionOperationEvent = OperationEvent & {
  readonly tenant: string;
  readonly connectionId: string;
};

export interface ProvisionKitOptions {
  /** The providers this host can connect to; ids must be unique. */
  readonly plugins: readonly ProviderPlugin[];
  /** Root logger; default `createLogger()` (stdout, level info). Connections log through children. */
  readonly logger?: Logger | undefined;
  /** Called after every operation of every connection. */
  readonly onOperation?: ((event: ConnectionOperationEvent) => void) | undefined;
  /**
   * Where snapshots, sync runs, the event log and webhook records live (`createMemoryStateStore()`,
   * or `@provisionkit/store-sqlite`). With a store, every write made through a connection updates
   * the snapshot and logs a `user.*` event; without one, the sync and event methods are refused.
   */
  readonly store?: StateStore | undefined;
  /** Events older than this are pruned after each completed sync and by `pruneEvents()`. Default 30. */
  readonly eventRetentionDays?: number | undefined;
  /**
   * Tracer and meter providers for every connection's spans and metrics (and their HTTP clients');
   * default: the global OpenTelemetry providers, a no-op until the host registers an SDK.
   */
  readonly telemetry?: TelemetryOptions | undefined;
  /**
   * When a connection counts as unhealthy or quarantined, how often it is checked, how a
   * quarantined connection's operations are slowed (see `HealthPolicy`), and for tests a `clock`
   * and `random`. Every connection's health is tracked whatever this says; with a `store` it is
   * kept there, with its events.
   */
  readonly health?: KitHealthOptions | undefined;
}

export interface ConnectInput {
  /** A plugin id, e.g. `'lastpass'`. */
  readonly provider: string;
  /** The customer the connection acts for: 1-128 characters of `A-Z a-z 0-9 . _ : -`. */
  readonly tenant: string;
  /** Parsed with the plugin's `configSchema`. */
  readonly config: unknown;
  /** Sync settings of this connection (the mass-change guard); a `sync()` call's options override them. */
  readonly sync?: SyncSettings | undefined;
}

/** One customer's connection to one provider: its own child container, config, logger and directory. */
export interface Connection {
  readonly context: ConnectionContext;
  /** The provider's directory behind core's middleware (see `wrapDirectory`). */
  readonly directory: UserDirectory;
  /** Resolves a token from this connection's container (the plugin's helpers, `ConnectionConfig`, ...). */
  get<T>(token: symbol): T;
  /**
   * Credential state, last sync, last error, failures in a row, quarantine (see
   * `ConnectionStatus`). Same as `kit.health.status(connection)`.
   */
  status(): Promise<ConnectionStatus>;
  /**
   * Releases the connection: operations in flight end with `CancelledError` (reason
   * `connection_closed`) and send nothing more, then the provider is closed. Afterwards its directory
   * and `get` fail with `UnavailableError`.
   */
  close(): Promise<void>;
}

/** The host's entry point: a root container holding the plugins, from which connections are opened. */
export interface ProvisionKit {
  readonly container: Container;
  readonly plugins: readonly ProviderPlugin[];
  /** The kit's providers, and what the sync and webhook engines record (see `Telemetry`). */
  readonly telemetry: Telemetry;
  /** Health checks, statuses and the host's switch for checks (see `KitHealth`). */
  readonly health: KitHealth;
  connect(input: ConnectInput): Promise<Connection>;
  /** The status of every open connection, in the order they were opened (`kit.health.statuses()`). */
  status(): Promise<ConnectionStatus[]>;
  /** Closes every open connection (cancelling their operations in flight); `connect` fails afterwards. */
  close(): Promise<void>;

  /**
   * Plans the changes that make each connection's directory match a desired list (a result of
   * `readDesiredUsers`, or an array): lists each directory once, writes nothing. The plan is plain
   * data (`ReconcilePlan`): print it with `formatPlan`, save it as JSON, apply it later.
   */
  plan(input: PlanInput): Promise<ReconcilePlan>;
  /**
   * Applies a plan exactly as planned, journaled in the store so that an interrupted apply (a
   * killed process included) is finished by applying it again, without repeating a write. Refuses
   * a stale plan (`conflict`, `details.reason: 'stale_plan'`); a plan the mass-change guard holds
   * resolves `held` unless `approveMassChange`.
   */
  apply(plan: ReconcilePlan, options: ApplyOptions): Promise<ApplyResult>;
  /**
   * Compares the connection's directory with its last snapshot and records the changes (see
   * `SyncEngine.sync`). Resolves with the run: `completed`, `held` or `failed` (with `reason`).
   */
  sync(connection: Connection, options?: SyncOptions): Promise<SyncRun>;
  /** Commits a held run, unless a row it changes moved since (`ConflictError`, `reason: 'stale'`). */
  approveSync(runId: string): Promise<SyncRun>;
  /** Discards a held run. */
  rejectSync(runId: string): Promise<SyncRun>;
  /** A connection's runs, newest first. */
  listSyncRuns(query: SyncRunListQuery): Promise<SyncRun[]>;
  /** What a running or held run found, for review before approval. */
  listSyncChanges(runId: string, query?: SyncChangeQuery): Promise<SyncChangePage>;
  /** The event log of a tenant (or of one connection), by cursor. */
  listEvents(query: EventListQuery): Promise<EventPage>;
  /** Deletes events older than the retention; returns how many. */
  pruneEvents(): Promise<number>;
}

/** Token of the kit itself in its root container. */
export const ProvisionKit = Symbol.for('@provisionkit/core/ProvisionKit');

/** Token of the kit's `readonly ProviderPlugin[]` in its root container. */
export const ProviderPlugins = Symbol.for('@provisionkit/core/ProviderPlugins');

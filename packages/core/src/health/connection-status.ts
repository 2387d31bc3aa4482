import { z } from 'zod';
import { PluginId, TenantId } from '../composition/kit-options.js';
import { parseInput } from '../errors/from-zod.js';
import type { ErrorSummary, SyncCounts, SyncMode, SyncReason } from '../events/provision-event.js';
import { ConnectionKey } from '../state/connection-key.js';
import type { StateStore } from '../state/state-store.js';
import type { SyncRun, SyncStatus } from '../state/sync-run.js';
import type {
  ConnectionHealth,
  CredentialState,
  FailingOperation,
  HealthFailure,
  HealthState,
} from './health-record.js';
import { HealthState as HealthStateSchema } from './health-record.js';

/** The newest sync run of a connection, as a status shows it. */
export interface LastSync {
  readonly runId: string;
  readonly mode: SyncMode;
  /** `completed`, `held` (waiting for approval), `failed`, `rejected`, or `running`. */
  readonly status: SyncStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly counts: SyncCounts;
  readonly reason?: SyncReason;
  readonly error?: ErrorSummary;
}

/**
 * Everything a platform asks about one connection without reading logs: plain data (JSON as is).
 * `state` is `unknown` for a connection nothing was recorded about yet (never checked, never
 * failed).
 */
export interface ConnectionStatus {
  readonly tenant: string;
  readonly provider: string;
  /** Set for a connection open in this kit. */
  readonly connectionId?: string;
  readonly state: HealthState | 'unknown';
  readonly quarantined: boolean;
  /** False once the host turned its health checks off. */
  readonly checksEnabled: boolean;
  /** The credentials' state and when it was last checked (or shown by an operation). */
  readonly credentials?: CredentialState;
  readonly lastSync?: LastSync;
  /** The last failure that counted against the connection: code, time and operation. */
  readonly lastError?: HealthFailure;
  readonly consecutiveFailures: number;
  /**
   * Operations failing in a row on their own (a connection whose listing works but whose
   * `createUser` keeps failing), with their count and last error; absent when none is.
   */
  readonly failingOperations?: readonly FailingOperation[];
  readonly failingSince?: string;
  readonly unhealthySince?: string;
  readonly quarantinedAt?: string;
  readonly nextCheckAt?: string;
  readonly updatedAt?: string;
}

/** A status from what the store holds; `connectionId` for an open connection. */
export function toConnectionStatus(
  key: ConnectionKey,
  health: ConnectionHealth | undefined,
  lastRun: SyncRun | undefined,
  connectionId?: string,
): ConnectionStatus {
  const optional = <K extends string, V>(name: K, value: V | undefined) =>
    (value === undefined ? {} : { [name]: value }) as Partial<Record<K, V>>;
  return {
    tenant: key.tenant,
    provider: key.provider,
    ...optional('connectionId', connectionId),
    state: health?.state ?? 'unknown',
    quarantined: health?.state === 'quarantined',
    checksEnabled: health?.checksEnabled ?? true,
    ...optional('credentials', health?.credentials),
    ...optional('lastSync', lastRun === undefined ? undefined : lastSyncOf(lastRun)),
    ...optional('lastError', health?.lastError),
    consecutiveFailures: health?.consecutiveFailures ?? 0,
    ...optional('failingOperations', health?.failingOperations),
    ...optional('failingSince', health?.failingSince),
    ...optional('unhealthySince', health?.unhealthySince),
    ...optional('quarantinedAt', health?.quarantinedAt),
    ...optional('nextCheckAt', health?.nextCheckAt),
    ...optional('updatedAt', health?.updatedAt),
  };
}

function lastSyncOf(run: SyncRun): LastSync {
  return {
    runId: run.id,
    mode: run.mode,
    status: run.status,
    startedAt: run.startedAt,
    ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
    ...(run.durationMs === undefined ? {} : { durationMs: run.durationMs }),
    counts: run.counts,
    ...(run.reason === undefined ? {} : { reason: run.reason }),
    ...(run.error === undefined ? {} : { error: run.error }),
  };
}

const StoreShape = z.custom<StateStore>(
  (value) =>
    typeof (value as { getConnectionHealth?: unknown } | null)?.getConnectionHealth === 'function' &&
    typeof (value as { listSyncRuns?: unknown } | null)?.listSyncRuns === 'function',
  'must be a StateStore',
);

/** The newest run of a connection, if any. */
export async function lastRunOf(store: StateStore, key: ConnectionKey): Promise<SyncRun | undefined> {
  const [run] = await store.listSyncRuns({ key, limit: 1 });
  return run;
}

/**
 * One connection's status from the state store alone: usable from any process that opens the
 * store (a CLI, a status page), with no kit or connection. A connection nothing was recorded
 * about has `state: 'unknown'`.
 */
export async function readConnectionStatus(store: StateStore, key: ConnectionKey): Promise<ConnectionStatus> {
  parseInput(StoreShape, store, { argument: 'store' });
  const parsed = parseInput(ConnectionKey, key, { argument: 'key' });
  const [health, run] = await Promise.all([store.getConnectionHealth(parsed), lastRunOf(store, parsed)]);
  return toConnectionStatus(parsed, health, run);
}

/** `listConnectionStatuses` input. */
export const ConnectionStatusQuery = z.strictObject({
  tenant: TenantId.optional(),
  provider: PluginId.optional(),
  /** Only connections in these states (`['unhealthy', 'quarantined']`: those needing attention). */
  states: z.array(HealthStateSchema).min(1).optional(),
  /** The page's `next`: continue after this connection. */
  after: ConnectionKey.optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type ConnectionStatusQuery = z.input<typeof ConnectionStatusQuery>;

export interface ConnectionStatusPage {
  readonly statuses: readonly ConnectionStatus[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly next?: ConnectionKey;
}

/**
 * Statuses of the connections the store has a health record for (every connection a kit
 * checked, or saw fail), ordered by tenant then provider, from the store alone.
 */
export async function listConnectionStatuses(
  store: StateStore,
  query: ConnectionStatusQuery = {},
): Promise<ConnectionStatusPage> {
  parseInput(StoreShape, store, { argument: 'store' });
  const parsed = parseInput(ConnectionStatusQuery, query, { argument: 'query' });
  const records = await store.listConnectionHealth(parsed);
  const statuses = await Promise.all(
    records.map(async (health) => {
      const key = { tenant: health.tenant, provider: health.provider };
      return toConnectionStatus(key, health, await lastRunOf(store, key));
    }),
  );
  const last = records.at(-1);
  return {
    statuses,
    ...(last === undefined || records.length < parsed.limit
      ? {}
      : { next: { tenant: last.tenant, provider: last.provider } }),
  };
}

import type { EventDraft, EventType, ProvisionEvent } from '../events/provision-event.js';
import type { ConnectionHealth, HealthState } from '../health/health-record.js';
import type { ConnectionKey } from './connection-key.js';

export interface HealthQuery {
  readonly tenant?: string | undefined;
  readonly provider?: string | undefined;
  /** Only connections in these states. */
  readonly states?: readonly HealthState[] | undefined;
  /** Keyset: connections after this one, ordered by tenant then provider. */
  readonly after?: ConnectionKey | undefined;
  readonly limit: number;
}

export interface SaveHealthInput {
  /** The new record; its `revision` is `expectedRevision + 1`. */
  readonly record: ConnectionHealth;
  /** The revision the record was planned from (0: none was stored). */
  readonly expectedRevision: number;
  /** Events of the state change, appended in the same transaction. */
  readonly events: readonly EventDraft[];
}

export interface EventTypeQuery {
  /** A cursor; absent: from the oldest retained event. */
  readonly after?: string | undefined;
  readonly types: readonly EventType[];
  readonly limit: number;
}

/**
 * Connection health records (what a status view and a health monitor need to survive a restart)
 * and a log read across tenants for consumers that watch every connection (alerts).
 */
export interface HealthStore {
  getConnectionHealth(key: ConnectionKey): Promise<ConnectionHealth | undefined>;
  /** Records ordered by tenant, then provider. */
  listConnectionHealth(query: HealthQuery): Promise<ConnectionHealth[]>;
  /**
   * Writes a record if the stored one still has `expectedRevision` (none stored: 0), and appends
   * `events` in the same transaction. Another writer got there first: `ConflictError` with
   * `details.reason: 'health_changed'` (read again, plan again). Returns the record and the events
   * as logged.
   */
  saveConnectionHealth(
    input: SaveHealthInput,
  ): Promise<{ health: ConnectionHealth; events: ProvisionEvent[] }>;
  /** Events of every tenant of these types after the cursor, in log order. */
  listEventsByType(query: EventTypeQuery): Promise<ProvisionEvent[]>;
}

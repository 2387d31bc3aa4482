import type { ProvisionEvent } from '../../events/provision-event.js';
import type { ConnectionHealth } from '../../health/health-record.js';
import type { ConnectionKey } from '../connection-key.js';
import type { EventTypeQuery, HealthQuery, HealthStore, SaveHealthInput } from '../health-store.js';
import { storeConflict } from '../store-errors.js';
import { keyId, type MemoryData } from './memory-data.js';
import { eventsAfter } from './memory-events.js';

/** `HealthStore` over `MemoryData`, with its records in a map of its own. */
export class MemoryHealth implements HealthStore {
  readonly #data: MemoryData;
  readonly #records = new Map<string, ConnectionHealth>();

  constructor(data: MemoryData) {
    this.#data = data;
  }

  async getConnectionHealth(key: ConnectionKey): Promise<ConnectionHealth | undefined> {
    this.#data.ensureOpen();
    const found = this.#records.get(keyId(key));
    return found === undefined ? undefined : structuredClone(found);
  }

  async listConnectionHealth(query: HealthQuery): Promise<ConnectionHealth[]> {
    this.#data.ensureOpen();
    const after = query.after;
    return [...this.#records.values()]
      .filter(
        (record) =>
          (query.tenant === undefined || record.tenant === query.tenant) &&
          (query.provider === undefined || record.provider === query.provider) &&
          (query.states === undefined || query.states.includes(record.state)) &&
          (after === undefined || compareKeys(record, after) > 0),
      )
      .sort(compareKeys)
      .slice(0, query.limit)
      .map((record) => structuredClone(record));
  }

  async saveConnectionHealth(
    input: SaveHealthInput,
  ): Promise<{ health: ConnectionHealth; events: ProvisionEvent[] }> {
    this.#data.ensureOpen();
    const key = { tenant: input.record.tenant, provider: input.record.provider };
    const stored = this.#records.get(keyId(key))?.revision ?? 0;
    if (stored !== input.expectedRevision) {
      throw storeConflict('health_changed', 'The connection health changed since it was read', {
        ...key,
        revision: stored,
      });
    }
    const health = structuredClone(input.record);
    this.#records.set(keyId(key), health);
    const events = this.#data.append(key, input.events);
    return { health: structuredClone(health), events: structuredClone(events) };
  }

  async listEventsByType(query: EventTypeQuery): Promise<ProvisionEvent[]> {
    this.#data.ensureOpen();
    return eventsAfter(this.#data, query, (event) => query.types.includes(event.type));
  }
}

function compareKeys(a: ConnectionKey, b: ConnectionKey): number {
  if (a.tenant !== b.tenant) return a.tenant < b.tenant ? -1 : 1;
  return a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0;
}

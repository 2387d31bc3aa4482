import type { EventDraft, ProvisionEvent } from '../../events/provision-event.js';
import type { ConnectionKey } from '../connection-key.js';
import type { EventQuery, EventStore } from '../state-store.js';
import { formatCursor, parseCursor } from '../store-errors.js';
import type { MemoryData } from './memory-data.js';

/** `EventStore` over `MemoryData`. */
export class MemoryEvents implements EventStore {
  readonly #data: MemoryData;

  constructor(data: MemoryData) {
    this.#data = data;
  }

  async listEvents(query: EventQuery): Promise<ProvisionEvent[]> {
    this.#data.ensureOpen();
    const after = parseCursor(query.after);
    const found: ProvisionEvent[] = [];
    const events = this.#data.events;
    for (let index = firstAfter(events, after); index < events.length; index += 1) {
      if (found.length >= query.limit) break;
      const { event } = events[index]!;
      if (event.tenant !== query.tenant) continue;
      if (query.provider !== undefined && event.provider !== query.provider) continue;
      found.push(structuredClone(event));
    }
    return found;
  }

  async appendEvents(key: ConnectionKey, drafts: readonly EventDraft[]): Promise<ProvisionEvent[]> {
    this.#data.ensureOpen();
    return structuredClone(this.#data.append(key, drafts));
  }

  async lastCursor(): Promise<string> {
    this.#data.ensureOpen();
    return formatCursor(this.#data.lastPosition);
  }

  async pruneEvents(before: string): Promise<number> {
    this.#data.ensureOpen();
    const kept = this.#data.events.filter(({ event }) => event.time >= before);
    const removed = new Set(
      this.#data.events.filter(({ event }) => event.time < before).map(({ event }) => event.id),
    );
    this.#data.events.splice(0, this.#data.events.length, ...kept);
    for (const id of removed) this.#data.eventsById.delete(id);
    for (const [id, delivery] of this.#data.deliveries) {
      if (!removed.has(delivery.eventId)) continue;
      this.#data.deliveries.delete(id);
      this.#data.attempts.delete(id);
    }
    return removed.size;
  }
}

/** Index of the first event whose position is greater than `position` (the log is sorted). */
function firstAfter(events: readonly { position: number }[], position: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid]!.position <= position) low = mid + 1;
    else high = mid;
  }
  return low;
}

import {
  type ConnectionKey,
  type EventDraft,
  type EventQuery,
  type EventStore,
  type ProvisionEvent,
} from '@provisionkit/core';
import { formatCursor, parseCursor } from '@provisionkit/core/store';
import { appendEvents, chunks, type Db, LOOKUP_CHUNK, toEvent, writeTransaction } from './store-context.js';

/** `EventStore` through Kysely. */
export class KyselyEvents implements EventStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async listEvents(query: EventQuery): Promise<ProvisionEvent[]> {
    let select = this.#db
      .selectFrom('pk_events')
      .select(['position', 'sequence', 'body'])
      .where('tenant', '=', query.tenant)
      .where('position', '>', parseCursor(query.after));
    if (query.provider !== undefined) select = select.where('provider', '=', query.provider);
    const rows = await select.orderBy('position').limit(query.limit).execute();
    return rows.map(toEvent);
  }

  appendEvents(key: ConnectionKey, drafts: readonly EventDraft[]): Promise<ProvisionEvent[]> {
    return writeTransaction(this.#db, (trx) => appendEvents(trx, key, drafts));
  }

  async lastCursor(): Promise<string> {
    const row = await this.#db
      .selectFrom('pk_counters')
      .select('value')
      .where('name', '=', 'position')
      .executeTakeFirstOrThrow();
    return formatCursor(row.value);
  }

  pruneEvents(before: string): Promise<number> {
    return writeTransaction(this.#db, async (trx) => {
      const doomed = await trx
        .selectFrom('pk_events')
        .select('position')
        .where('time', '<', before)
        .execute();
      const positions = doomed.map((row) => row.position);
      for (const chunk of chunks(positions, LOOKUP_CHUNK)) {
        const deliveries = await trx
          .selectFrom('pk_webhook_deliveries')
          .select('id')
          .where('event_position', 'in', chunk)
          .execute();
        for (const ids of chunks(
          deliveries.map((row) => row.id),
          LOOKUP_CHUNK,
        )) {
          await trx.deleteFrom('pk_webhook_attempts').where('delivery_id', 'in', ids).execute();
          await trx.deleteFrom('pk_webhook_deliveries').where('id', 'in', ids).execute();
        }
      }
      const result = await trx.deleteFrom('pk_events').where('time', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}

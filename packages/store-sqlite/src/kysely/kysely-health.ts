import type {
  ConnectionHealth,
  ConnectionKey,
  EventTypeQuery,
  HealthQuery,
  HealthStore,
  ProvisionEvent,
  SaveHealthInput,
} from '@provisionkit/core';
import { parseCursor, storeConflict } from '@provisionkit/core/store';
import { appendEvents, type Db, toEvent, writeTransaction } from './store-context.js';

/** `HealthStore` through Kysely. */
export class KyselyHealth implements HealthStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async getConnectionHealth(key: ConnectionKey): Promise<ConnectionHealth | undefined> {
    const row = await this.#db
      .selectFrom('pk_connection_health')
      .select('body')
      .where('tenant', '=', key.tenant)
      .where('provider', '=', key.provider)
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.body) as ConnectionHealth);
  }

  async listConnectionHealth(query: HealthQuery): Promise<ConnectionHealth[]> {
    let select = this.#db.selectFrom('pk_connection_health').select('body');
    if (query.tenant !== undefined) select = select.where('tenant', '=', query.tenant);
    if (query.provider !== undefined) select = select.where('provider', '=', query.provider);
    if (query.states !== undefined) {
      if (query.states.length === 0) return [];
      select = select.where('state', 'in', [...query.states]);
    }
    const after = query.after;
    if (after !== undefined) {
      select = select.where((eb) =>
        eb.or([
          eb('tenant', '>', after.tenant),
          eb.and([eb('tenant', '=', after.tenant), eb('provider', '>', after.provider)]),
        ]),
      );
    }
    const rows = await select.orderBy('tenant').orderBy('provider').limit(query.limit).execute();
    return rows.map((row) => JSON.parse(row.body) as ConnectionHealth);
  }

  saveConnectionHealth(
    input: SaveHealthInput,
  ): Promise<{ health: ConnectionHealth; events: ProvisionEvent[] }> {
    const { record } = input;
    const key = { tenant: record.tenant, provider: record.provider };
    return writeTransaction(this.#db, async (trx) => {
      const current = await trx
        .selectFrom('pk_connection_health')
        .select('revision')
        .where('tenant', '=', key.tenant)
        .where('provider', '=', key.provider)
        .executeTakeFirst();
      const stored = current?.revision ?? 0;
      if (stored !== input.expectedRevision) {
        throw storeConflict('health_changed', 'The connection health changed since it was read', {
          ...key,
          revision: stored,
        });
      }
      const columns = {
        state: record.state,
        revision: record.revision,
        next_check_at: record.nextCheckAt ?? null,
        updated_at: record.updatedAt,
        body: JSON.stringify(record),
      };
      if (current === undefined) {
        await trx
          .insertInto('pk_connection_health')
          .values({ ...key, ...columns })
          .execute();
      } else {
        await trx
          .updateTable('pk_connection_health')
          .set(columns)
          .where('tenant', '=', key.tenant)
          .where('provider', '=', key.provider)
          .execute();
      }
      const events = await appendEvents(trx, key, input.events);
      return { health: record, events };
    });
  }

  async listEventsByType(query: EventTypeQuery): Promise<ProvisionEvent[]> {
    if (query.types.length === 0) return [];
    const rows = await this.#db
      .selectFrom('pk_events')
      .select(['position', 'sequence', 'body'])
      .where('type', 'in', [...query.types])
      .where('position', '>', parseCursor(query.after))
      .orderBy('position')
      .limit(query.limit)
      .execute();
    return rows.map(toEvent);
  }
}

import type { Kysely, Migration } from 'kysely';

/**
 * Connection health: one row per connection (tenant, provider) with its state, the revision a
 * write must have read (so two processes never overwrite each other's transition), when it is due
 * for a check, and the record as JSON. An index on the event type lets an alert consumer read the
 * few health and sync events of every tenant without parsing the user events around them.
 */
export const connectionHealth: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('pk_connection_health')
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('provider', 'text', (column) => column.notNull())
      .addColumn('state', 'text', (column) => column.notNull())
      .addColumn('revision', 'integer', (column) => column.notNull())
      .addColumn('next_check_at', 'text')
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .addColumn('body', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('pk_connection_health_pk', ['tenant', 'provider'])
      .execute();
    await db.schema.createIndex('pk_events_type').on('pk_events').columns(['type', 'position']).execute();
  },
};

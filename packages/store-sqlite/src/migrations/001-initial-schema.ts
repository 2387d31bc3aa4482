import type { Kysely, Migration } from 'kysely';

/** The first schema: counters, snapshots, sync runs, the event log and webhook records. */
export const initialSchema: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('pk_counters')
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('value', 'integer', (column) => column.notNull())
      .execute();
    await db
      .insertInto('pk_counters' as never)
      .values(['position', 'run', 'delivery', 'writer'].map((name) => ({ name, value: 0 })) as never)
      .execute();
    await db.schema
      .createTable('pk_connections')
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('provider', 'text', (column) => column.notNull())
      .addColumn('last_sequence', 'integer', (column) => column.notNull())
      .addPrimaryKeyConstraint('pk_connections_pk', ['tenant', 'provider'])
      .execute();
    await db.schema
      .createTable('pk_snapshot_users')
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('provider', 'text', (column) => column.notNull())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('hash', 'text')
      .addColumn('content', 'text')
      .addColumn('user_name_key', 'text')
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('changed_at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('pk_snapshot_users_pk', ['tenant', 'provider', 'user_id'])
      .execute();
    await db.schema
      .createIndex('pk_snapshot_users_name')
      .on('pk_snapshot_users')
      .columns(['tenant', 'provider', 'user_name_key'])
      .execute();
    await db.schema
      .createTable('pk_sync_runs')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('ordinal', 'integer', (column) => column.notNull())
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('provider', 'text', (column) => column.notNull())
      .addColumn('mode', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('started_at', 'text', (column) => column.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('duration_ms', 'real')
      .addColumn('since', 'text')
      .addColumn('counts', 'text', (column) => column.notNull())
      .addColumn('guard', 'text')
      .addColumn('reason', 'text')
      .addColumn('error', 'text')
      .addColumn('approved_at', 'text')
      .addColumn('owner', 'text')
      .addColumn('lease_until', 'text')
      .execute();
    await db.schema
      .createIndex('pk_sync_runs_key')
      .on('pk_sync_runs')
      .columns(['tenant', 'provider', 'started_at', 'ordinal'])
      .execute();
    await db.schema
      .createTable('pk_staged_changes')
      .addColumn('run_id', 'text', (column) => column.notNull())
      .addColumn('idx', 'integer', (column) => column.notNull())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('change', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('pk_staged_changes_pk', ['run_id', 'idx'])
      .execute();
    await db.schema
      .createTable('pk_events')
      .addColumn('position', 'integer', (column) => column.primaryKey())
      .addColumn('id', 'text', (column) => column.notNull().unique())
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('provider', 'text', (column) => column.notNull())
      .addColumn('sequence', 'integer', (column) => column.notNull())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('time', 'text', (column) => column.notNull())
      .addColumn('body', 'text', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('pk_events_tenant').on('pk_events').columns(['tenant', 'position']).execute();
    await db.schema
      .createIndex('pk_events_connection')
      .on('pk_events')
      .columns(['tenant', 'provider', 'position'])
      .execute();
    await db.schema.createIndex('pk_events_time').on('pk_events').column('time').execute();
    await db.schema
      .createTable('pk_webhook_subscriptions')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('tenant', 'text', (column) => column.notNull())
      .addColumn('provider', 'text')
      .addColumn('url', 'text', (column) => column.notNull())
      .addColumn('event_types', 'text')
      .addColumn('secrets', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('disabled_reason', 'text')
      .addColumn('disabled_at', 'text')
      .addColumn('cursor', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('pk_webhook_deliveries')
      .addColumn('ordinal', 'integer', (column) => column.primaryKey())
      .addColumn('id', 'text', (column) => column.notNull().unique())
      .addColumn('subscription_id', 'text', (column) => column.notNull())
      .addColumn('event_id', 'text', (column) => column.notNull())
      .addColumn('event_position', 'integer', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull())
      .addColumn('next_attempt_at', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('pk_webhook_deliveries_due')
      .on('pk_webhook_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('pk_webhook_deliveries_subscription')
      .on('pk_webhook_deliveries')
      .columns(['subscription_id', 'ordinal'])
      .execute();
    await db.schema
      .createIndex('pk_webhook_deliveries_event')
      .on('pk_webhook_deliveries')
      .column('event_position')
      .execute();
    await db.schema
      .createTable('pk_webhook_attempts')
      .addColumn('delivery_id', 'text', (column) => column.notNull())
      .addColumn('attempt', 'integer', (column) => column.notNull())
      .addColumn('started_at', 'text', (column) => column.notNull())
      .addColumn('duration_ms', 'real', (column) => column.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('outcome', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('pk_webhook_attempts_pk', ['delivery_id', 'attempt'])
      .execute();
  },
};

import type { Kysely, Migration } from 'kysely';

/**
 * Apply journals: one row per plan (its lease, like a sync run's) and one per action that was sent
 * or answered, so an apply killed mid-way is resumed without repeating a write.
 */
export const applyJournals: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('pk_apply_journals')
      .addColumn('plan_id', 'text', (column) => column.primaryKey())
      .addColumn('plan_digest', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('started_at', 'text', (column) => column.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('outcome', 'text')
      .addColumn('owner', 'text')
      .addColumn('lease_until', 'text')
      .execute();
    await db.schema
      .createTable('pk_apply_entries')
      .addColumn('plan_id', 'text', (column) => column.notNull())
      .addColumn('action_id', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('user_id', 'text')
      .addColumn('error', 'text')
      .addColumn('at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('pk_apply_entries_pk', ['plan_id', 'action_id'])
      .execute();
  },
};

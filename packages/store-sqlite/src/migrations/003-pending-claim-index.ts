import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The claim index holds pending deliveries only (a partial index): a delivery that ends leaves it
 * instead of moving to another part of it, so recording a success changes one index entry less,
 * and the index stays as small as the work still to do. A claim asks for `status = 'pending'`,
 * which the index's condition matches.
 */
export const pendingClaimIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('pk_webhook_deliveries_claim').execute();
    await db.schema
      .createIndex('pk_webhook_deliveries_pending')
      .on('pk_webhook_deliveries')
      .columns(['next_attempt_at', 'ordinal'])
      .where(sql.ref('status'), '=', sql.lit('pending'))
      .execute();
  },
};

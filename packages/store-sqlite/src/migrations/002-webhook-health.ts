import type { Kysely, Migration } from 'kysely';

/**
 * Webhook endpoint health and claim order: `failing_since` on subscriptions (when the current run
 * of failed attempts began, so a worker can disable an endpoint failing for days), and an index
 * that lets a claim read pending deliveries in creation order and stop at its limit instead of
 * sorting every pending delivery on each claim.
 */
export const webhookHealth: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('pk_webhook_subscriptions').addColumn('failing_since', 'text').execute();
    await db.schema
      .createIndex('pk_webhook_deliveries_pending')
      .on('pk_webhook_deliveries')
      .columns(['status', 'ordinal'])
      .execute();
  },
};

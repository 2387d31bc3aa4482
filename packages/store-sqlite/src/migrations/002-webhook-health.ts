import type { Kysely, Migration } from 'kysely';

/**
 * Webhook endpoint health and claim order: `failing_since` on subscriptions (when the current run
 * of failed attempts began, so a worker can disable an endpoint failing for days), and an index in
 * claim order (due time, then creation), so a claim reads the first due deliveries and stops at its
 * limit instead of sorting every due delivery each time. It replaces the first schema's index.
 */
export const webhookHealth: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('pk_webhook_subscriptions').addColumn('failing_since', 'text').execute();
    await db.schema.dropIndex('pk_webhook_deliveries_due').execute();
    await db.schema
      .createIndex('pk_webhook_deliveries_claim')
      .on('pk_webhook_deliveries')
      .columns(['status', 'next_attempt_at', 'ordinal'])
      .execute();
  },
};

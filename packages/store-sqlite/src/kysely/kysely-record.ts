import type { AttemptResult, RecordedAttempts, WebhookAttempt } from '@provisionkit/core';
import { deliveryAfterAttempt, failingSinceAfter } from '@provisionkit/core/store';
import {
  deliveryColumns,
  deliveryRows,
  insertAttempts,
  markSucceeded,
  rewriteDeliveryRows,
  toDelivery,
} from './delivery-statements.js';
import type { Tx } from './store-context.js';

/**
 * `recordWebhookAttempts` inside a write transaction. A delivery that succeeded at its only attempt
 * of the batch (nearly all of them) is moved on by one `update` per group of alike attempts, with
 * no read first; the others (retries scheduled, failures, a delivery attempted twice) are computed
 * from their rows by the rules every store shares and rewritten in chunks.
 */
export async function recordAttemptsIn(
  trx: Tx,
  owner: string,
  results: readonly AttemptResult[],
): Promise<RecordedAttempts> {
  const times = new Map<string, number>();
  for (const { attempt } of results) times.set(attempt.deliveryId, (times.get(attempt.deliveryId) ?? 0) + 1);
  const simple = ({ attempt, next }: AttemptResult) =>
    next.status === 'succeeded' && times.get(attempt.deliveryId) === 1;
  const succeeded = new Map(
    (
      await markSucceeded(
        trx,
        owner,
        results.filter(simple).map((result) => result.attempt),
      )
    ).map((row) => [row.id, row]),
  );
  const rows = await deliveryRows(trx, [
    ...new Set(results.filter((result) => !simple(result)).map((result) => result.attempt.deliveryId)),
  ]);
  const recorded: string[] = [];
  const lost: string[] = [];
  const attempts: WebhookAttempt[] = [];
  const changed = new Set<string>();
  const subscriptions = new Map<string, WebhookAttempt[]>();
  for (const result of results) {
    const { attempt, next } = result;
    let subscriptionId: string;
    if (simple(result)) {
      const row = succeeded.get(attempt.deliveryId);
      if (row === undefined) {
        lost.push(attempt.deliveryId);
        continue;
      }
      subscriptionId = row.subscription_id;
    } else {
      const row = rows.get(attempt.deliveryId);
      if (row === undefined || row.lease_owner !== owner || row.status !== 'pending') {
        lost.push(attempt.deliveryId);
        continue;
      }
      const updated = deliveryAfterAttempt(toDelivery(row), attempt, next);
      // A later attempt of the same delivery in this batch sees this one's outcome.
      rows.set(row.id, { ...row, ...deliveryColumns(updated) });
      changed.add(row.id);
      subscriptionId = row.subscription_id;
    }
    recorded.push(attempt.deliveryId);
    attempts.push(attempt);
    const made = subscriptions.get(subscriptionId);
    if (made === undefined) subscriptions.set(subscriptionId, [attempt]);
    else made.push(attempt);
  }
  await rewriteDeliveryRows(
    trx,
    [...changed].map((id) => rows.get(id)!),
  );
  await insertAttempts(trx, attempts);
  for (const [id, made] of subscriptions) await keepFailingSince(trx, id, made);
  return { recorded, lost };
}

/** The endpoint's `failingSince` after its attempts, in order; written only when it changes. */
async function keepFailingSince(trx: Tx, subscriptionId: string, attempts: readonly WebhookAttempt[]) {
  const row = await trx
    .selectFrom('pk_webhook_subscriptions')
    .select('failing_since')
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
  const current = row?.failing_since ?? undefined;
  let failingSince = current;
  for (const attempt of attempts) failingSince = failingSinceAfter(failingSince, attempt);
  if (failingSince === current) return;
  await trx
    .updateTable('pk_webhook_subscriptions')
    .set({ failing_since: failingSince ?? null })
    .where('id', '=', subscriptionId)
    .execute();
}

import type { StateStore } from '@provisionkit/core';
import { storeClosed } from '@provisionkit/core/store';
import type { Kysely } from 'kysely';
import type { StoreDatabase } from './database.js';
import { KyselyEvents } from './kysely-events.js';
import { KyselyHealth } from './kysely-health.js';
import { KyselyJournals } from './kysely-journals.js';
import { KyselySnapshots } from './kysely-snapshots.js';
import { KyselySyncRuns } from './kysely-sync-runs.js';
import { KyselyWebhooks } from './kysely-webhooks.js';

export interface KyselyStateStoreOptions {
  /** Turns a driver error into a `ProvisioningError` (the SQLite factory passes its own). */
  readonly mapError?: ((error: unknown) => unknown) | undefined;
  /** Runs on `close()` after the store stops accepting calls (default: `db.destroy()`). */
  readonly onClose?: (() => Promise<void>) | undefined;
}

/**
 * A `StateStore` over any Kysely instance whose database was migrated with `migrateStateStore`.
 * Written only with Kysely's query builder, so another dialect needs its own migrations, not a
 * new store. Every state change runs in one transaction.
 */
export function createKyselyStateStore(
  db: Kysely<StoreDatabase>,
  options: KyselyStateStoreOptions = {},
): StateStore {
  const snapshots = new KyselySnapshots(db);
  const runs = new KyselySyncRuns(db);
  const events = new KyselyEvents(db);
  const webhooks = new KyselyWebhooks(db);
  const health = new KyselyHealth(db);
  const journals = new KyselyJournals(db);
  let closed = false;
  const mapError = options.mapError ?? ((error: unknown) => error);
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    if (closed) throw storeClosed();
    try {
      return await run();
    } catch (error) {
      throw mapError(error);
    }
  };
  async function* scan(key: Parameters<StateStore['scanSnapshotHashes']>[0]) {
    if (closed) throw storeClosed();
    try {
      yield* snapshots.scanSnapshotHashes(key);
    } catch (error) {
      throw mapError(error);
    }
  }
  return {
    scanSnapshotHashes: (key) => scan(key),
    getSnapshotRows: (key, ids) => call(() => snapshots.getSnapshotRows(key, ids)),
    findSnapshotRow: (key, ref) => call(() => snapshots.findSnapshotRow(key, ref)),
    listSnapshotRows: (key, page) => call(() => snapshots.listSnapshotRows(key, page)),
    countSnapshotRows: (key) => call(() => snapshots.countSnapshotRows(key)),
    recordUserWrites: (key, writes, at) => call(() => snapshots.recordUserWrites(key, writes, at)),
    beginSyncRun: (input) => call(() => runs.beginSyncRun(input)),
    renewSyncLease: (id, owner, until) => call(() => runs.renewSyncLease(id, owner, until)),
    stageSyncChanges: (id, owner, changes) => call(() => runs.stageSyncChanges(id, owner, changes)),
    listStagedChanges: (id, page) => call(() => runs.listStagedChanges(id, page)),
    holdSyncRun: (id, owner, outcome) => call(() => runs.holdSyncRun(id, owner, outcome)),
    commitSyncRun: (id, input) => call(() => runs.commitSyncRun(id, input)),
    failSyncRun: (id, input) => call(() => runs.failSyncRun(id, input)),
    getSyncRun: (id) => call(() => runs.getSyncRun(id)),
    listSyncRuns: (query) => call(() => runs.listSyncRuns(query)),
    listEvents: (query) => call(() => events.listEvents(query)),
    appendEvents: (key, drafts) => call(() => events.appendEvents(key, drafts)),
    lastCursor: () => call(() => events.lastCursor()),
    pruneEvents: (before) => call(() => events.pruneEvents(before)),
    createWebhookSubscription: (input) => call(() => webhooks.createWebhookSubscription(input)),
    getWebhookSubscription: (id) => call(() => webhooks.getWebhookSubscription(id)),
    listWebhookSubscriptions: (query) => call(() => webhooks.listWebhookSubscriptions(query)),
    updateWebhookSubscription: (id, patch) => call(() => webhooks.updateWebhookSubscription(id, patch)),
    deleteWebhookSubscription: (id) => call(() => webhooks.deleteWebhookSubscription(id)),
    enqueueWebhookDeliveries: (input) => call(() => webhooks.enqueueWebhookDeliveries(input)),
    claimWebhookDeliveries: (input) => call(() => webhooks.claimWebhookDeliveries(input)),
    claimNewWebhookDeliveries: (input) => call(() => webhooks.claimNewWebhookDeliveries(input)),
    recordWebhookAttempts: (input) => call(() => webhooks.recordWebhookAttempts(input)),
    disableWebhookSubscription: (input) => call(() => webhooks.disableWebhookSubscription(input)),
    listWebhookDeliveries: (query) => call(() => webhooks.listWebhookDeliveries(query)),
    listWebhookAttempts: (id) => call(() => webhooks.listWebhookAttempts(id)),
    getConnectionHealth: (key) => call(() => health.getConnectionHealth(key)),
    listConnectionHealth: (query) => call(() => health.listConnectionHealth(query)),
    saveConnectionHealth: (input) => call(() => health.saveConnectionHealth(input)),
    listEventsByType: (query) => call(() => health.listEventsByType(query)),
    beginApply: (input) => call(() => journals.beginApply(input)),
    renewApplyLease: (id, owner, until) => call(() => journals.renewApplyLease(id, owner, until)),
    recordApplyEntries: (id, owner, entries) => call(() => journals.recordApplyEntries(id, owner, entries)),
    listApplyEntries: (id, page) => call(() => journals.listApplyEntries(id, page)),
    finishApply: (id, owner, input) => call(() => journals.finishApply(id, owner, input)),
    releaseApply: (id, owner) => call(() => journals.releaseApply(id, owner)),
    getApplyJournal: (id) => call(() => journals.getApplyJournal(id)),
    async close() {
      if (closed) return;
      closed = true;
      await (options.onClose ?? (() => db.destroy()))();
    },
  };
}

import type { StateStore } from '../state-store.js';
import { MemoryData } from './memory-data.js';
import { MemoryEvents } from './memory-events.js';
import { MemoryHealth } from './memory-health.js';
import { MemoryJournals } from './memory-journals.js';
import { MemorySnapshots } from './memory-snapshots.js';
import { MemorySyncRuns } from './memory-sync-runs.js';
import { MemoryWebhooks } from './memory-webhooks.js';

/**
 * A `StateStore` in memory: for tests and for hosts that keep nothing between restarts. Every
 * operation runs synchronously on plain maps, so each one is atomic; results are copies.
 */
export function createMemoryStateStore(): StateStore {
  const data = new MemoryData();
  const snapshots = new MemorySnapshots(data);
  const runs = new MemorySyncRuns(data);
  const events = new MemoryEvents(data);
  const webhooks = new MemoryWebhooks(data);
  const health = new MemoryHealth(data);
  const journals = new MemoryJournals(data);
  return {
    scanSnapshotHashes: (key) => snapshots.scanSnapshotHashes(key),
    getSnapshotRows: (key, ids) => snapshots.getSnapshotRows(key, ids),
    findSnapshotRow: (key, ref) => snapshots.findSnapshotRow(key, ref),
    listSnapshotRows: (key, page) => snapshots.listSnapshotRows(key, page),
    countSnapshotRows: (key) => snapshots.countSnapshotRows(key),
    recordUserWrites: (key, writes, at) => snapshots.recordUserWrites(key, writes, at),
    beginSyncRun: (input) => runs.beginSyncRun(input),
    renewSyncLease: (id, owner, until) => runs.renewSyncLease(id, owner, until),
    stageSyncChanges: (id, owner, changes) => runs.stageSyncChanges(id, owner, changes),
    listStagedChanges: (id, page) => runs.listStagedChanges(id, page),
    holdSyncRun: (id, owner, outcome) => runs.holdSyncRun(id, owner, outcome),
    commitSyncRun: (id, input) => runs.commitSyncRun(id, input),
    failSyncRun: (id, input) => runs.failSyncRun(id, input),
    getSyncRun: (id) => runs.getSyncRun(id),
    listSyncRuns: (query) => runs.listSyncRuns(query),
    listEvents: (query) => events.listEvents(query),
    appendEvents: (key, drafts) => events.appendEvents(key, drafts),
    lastCursor: () => events.lastCursor(),
    pruneEvents: (before) => events.pruneEvents(before),
    createWebhookSubscription: (input) => webhooks.createWebhookSubscription(input),
    getWebhookSubscription: (id) => webhooks.getWebhookSubscription(id),
    listWebhookSubscriptions: (query) => webhooks.listWebhookSubscriptions(query),
    updateWebhookSubscription: (id, patch) => webhooks.updateWebhookSubscription(id, patch),
    deleteWebhookSubscription: (id) => webhooks.deleteWebhookSubscription(id),
    enqueueWebhookDeliveries: (input) => webhooks.enqueueWebhookDeliveries(input),
    claimWebhookDeliveries: (input) => webhooks.claimWebhookDeliveries(input),
    claimNewWebhookDeliveries: (input) => webhooks.claimNewWebhookDeliveries(input),
    recordWebhookAttempts: (input) => webhooks.recordWebhookAttempts(input),
    disableWebhookSubscription: (input) => webhooks.disableWebhookSubscription(input),
    listWebhookDeliveries: (query) => webhooks.listWebhookDeliveries(query),
    listWebhookAttempts: (id) => webhooks.listWebhookAttempts(id),
    getConnectionHealth: (key) => health.getConnectionHealth(key),
    listConnectionHealth: (query) => health.listConnectionHealth(query),
    saveConnectionHealth: (input) => health.saveConnectionHealth(input),
    listEventsByType: (query) => health.listEventsByType(query),
    beginApply: (input) => journals.beginApply(input),
    renewApplyLease: (id, owner, until) => journals.renewApplyLease(id, owner, until),
    recordApplyEntries: (id, owner, entries) => journals.recordApplyEntries(id, owner, entries),
    listApplyEntries: (id, page) => journals.listApplyEntries(id, page),
    finishApply: (id, owner, input) => journals.finishApply(id, owner, input),
    releaseApply: (id, owner) => journals.releaseApply(id, owner),
    getApplyJournal: (id) => journals.getApplyJournal(id),
    close: async () => {
      data.closed = true;
    },
  };
}

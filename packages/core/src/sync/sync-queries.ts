import { z } from 'zod';
import { PluginId, TenantId } from '../composition/kit-options.js';
import type { FieldChange } from '../events/field-changes.js';
import { SyncMode } from '../events/provision-event.js';
import { IsoTimestamp } from '../model/primitives.js';
import { parseStoredContent, type SnapshotUser } from '../state/canonical-user.js';
import type { ListedChange } from '../state/staged-change.js';
import { SyncStatus } from '../state/sync-run.js';

/** `listSyncRuns` input: a connection's runs, newest first. */
export const SyncRunListQuery = z.strictObject({
  tenant: TenantId,
  provider: PluginId,
  status: SyncStatus.optional(),
  mode: SyncMode.optional(),
  /** Runs started before this instant (the `startedAt` of the last run of the previous page). */
  before: IsoTimestamp.optional(),
  limit: z.number().int().min(1).max(1000).default(20),
});
export type SyncRunListQuery = z.input<typeof SyncRunListQuery>;

/** `listSyncChanges` input: pages of what a running or held run found, in the order found. */
export const SyncChangeQuery = z.strictObject({
  after: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type SyncChangeQuery = z.input<typeof SyncChangeQuery>;

/** A change a run found, as a host reviews it before approving a held run. */
export type SyncChange =
  | { readonly index: number; readonly kind: 'created'; readonly userId: string; readonly user: SnapshotUser }
  | {
      readonly index: number;
      readonly kind: 'updated';
      readonly userId: string;
      readonly user: SnapshotUser;
      readonly changes: readonly FieldChange[];
      readonly suspends: boolean;
    }
  | { readonly index: number; readonly kind: 'deleted'; readonly userId: string };

export interface SyncChangePage {
  readonly changes: readonly SyncChange[];
  /** Pass as `after` for the next page; absent when this page was the last. */
  readonly next?: number;
}

export function toSyncChange(change: ListedChange): SyncChange {
  if (change.kind === 'deleted') return { index: change.index, kind: 'deleted', userId: change.userId };
  const user = parseStoredContent(change.after.content);
  if (change.kind === 'created') return { index: change.index, kind: 'created', userId: change.userId, user };
  return {
    index: change.index,
    kind: 'updated',
    userId: change.userId,
    user,
    changes: change.changes,
    suspends: change.suspends,
  };
}

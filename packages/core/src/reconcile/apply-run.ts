import type { Connection } from '../composition/provision-kit.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import type { ErrorSummary } from '../events/provision-event.js';
import type { User, UserRef } from '../model/user.js';
import type { ApplyEntry } from '../state/apply-journal.js';
import type { StateStore } from '../state/state-store.js';
import type { ApplyProgress } from './apply-options.js';
import type { ConnectionPlan, PlanAction } from './plan-schema.js';

/**
 * Failures that say nothing about the user the action was for: the provider refused the
 * credentials, is down or throttling, or the apply was cancelled. The apply stops sending; the
 * action stays `in_flight` (its write may or may not have happened) and the next apply settles it
 * by reading.
 */
const STOPPING = new Set(['authentication', 'permission_denied', 'unavailable', 'rate_limited', 'cancelled']);

/** Order of one user's actions: back to active first, away last. */
const UNIT_ORDER: Record<PlanAction['kind'], number> = {
  create: 0,
  reactivate: 1,
  update: 2,
  addToGroups: 3,
  removeFromGroups: 4,
  suspend: 5,
  remove: 6,
  purge: 7,
};

export interface ApplyTarget {
  readonly plan: ConnectionPlan;
  readonly connection: Connection;
  /** Actions still to send, in plan order. */
  readonly pending: readonly PlanAction[];
}

export interface ApplyRunInput {
  readonly store: StateStore;
  readonly planId: string;
  readonly owner: string;
  readonly targets: readonly ApplyTarget[];
  readonly concurrency: number;
  readonly batchSize: number | undefined;
  readonly signal: AbortSignal;
  readonly now: () => Date;
  readonly progress: ApplyProgress;
  readonly onProgress: ((progress: ApplyProgress) => void) | undefined;
  readonly onEntry: (entry: ApplyEntry) => void;
}

/**
 * Sends the pending actions of a plan: creates in batches, each user's other actions one after the
 * other, `concurrency` calls in flight across all connections. Every action is journaled
 * `in_flight` before it is sent and `done` or `failed` once answered. Returns why it stopped early,
 * if it did.
 */
export async function runApply(input: ApplyRunInput): Promise<ErrorSummary | undefined> {
  const state = { stopped: undefined as ErrorSummary | undefined, ...input.progress };
  const tasks: (() => Promise<void>)[] = [];
  for (const target of input.targets) {
    const { directory } = target.connection;
    const creates = target.pending.filter((action) => action.kind === 'create');
    const size = Math.min(input.batchSize ?? Math.min(directory.capabilities.maxBatchSize, 200), 10_000);
    for (let start = 0; start < creates.length; start += size) {
      const batch = creates.slice(start, start + size);
      tasks.push(() => createBatch(batch));
    }
    const units = new Map<string, PlanAction[]>();
    for (const action of target.pending) {
      if (action.kind === 'create') continue;
      const unit = units.get(action.userId);
      if (unit === undefined) units.set(action.userId, [action]);
      else unit.push(action);
    }
    for (const unit of units.values()) {
      unit.sort((a, b) => UNIT_ORDER[a.kind] - UNIT_ORDER[b.kind]);
      tasks.push(() => userUnit(target.connection, unit));
    }

    async function createBatch(batch: readonly PlanAction[]): Promise<void> {
      const actions = batch as Extract<PlanAction, { kind: 'create' }>[];
      await record(actions.map((action) => entry(action, 'in_flight')));
      let items: Awaited<ReturnType<typeof directory.createUsers>>['items'];
      try {
        items = (
          await directory.createUsers(
            actions.map((action) => ({ ...action.user })),
            { signal: input.signal },
          )
        ).items;
      } catch (error) {
        await failed(actions, error);
        return;
      }
      const entries: ApplyEntry[] = [];
      for (const item of items) {
        const action = actions[item.index]!;
        if (item.ok) entries.push(entry(action, 'done', item.user.id));
        else if (STOPPING.has(item.error.code)) stop(item.error);
        else entries.push(entry(action, 'failed', undefined, summary(item.error)));
      }
      await record(entries);
    }
  }

  async function userUnit(connection: Connection, unit: readonly PlanAction[]): Promise<void> {
    let ref: UserRef = { userName: unit[0]!.userName };
    for (const action of unit) {
      if (state.stopped !== undefined) return;
      await record([entry(action, 'in_flight')]);
      let user: User | undefined;
      try {
        user = await send(connection, action, ref);
      } catch (error) {
        await failed([action], error);
        continue;
      }
      // A provider may change the login with another field (LastPass: the email is the login).
      if (user !== undefined) ref = { userName: user.userName };
      await record([entry(action, 'done', action.kind === 'create' ? undefined : action.userId)]);
    }
  }

  async function send(connection: Connection, action: PlanAction, ref: UserRef): Promise<User | undefined> {
    const { directory } = connection;
    const options = { signal: input.signal };
    switch (action.kind) {
      case 'update':
        return directory.updateUser(ref, action.patch, options);
      case 'reactivate':
        return directory.reactivateUser(ref, options);
      case 'suspend':
        return directory.suspendUser(ref, options);
      case 'addToGroups':
        return directory.addToGroups(ref, action.groups, options);
      case 'removeFromGroups':
        return directory.removeFromGroups(ref, action.groups, options);
      case 'remove':
        await directory.removeUser(ref, options);
        return undefined;
      case 'purge':
        await directory.purgeUser(ref, options);
        return undefined;
      case 'create':
        return directory.createUser(action.user, options);
    }
  }

  async function failed(actions: readonly PlanAction[], error: unknown): Promise<void> {
    const described = summary(error);
    if (STOPPING.has(described.code) || input.signal.aborted) {
      stop(described);
      return;
    }
    await record(actions.map((action) => entry(action, 'failed', undefined, described)));
  }

  function stop(error: ErrorSummary): void {
    state.stopped ??= error;
  }

  async function record(entries: readonly ApplyEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await input.store.recordApplyEntries(input.planId, input.owner, entries);
    let moved = false;
    for (const written of entries) {
      input.onEntry(written);
      if (written.status === 'done') state.done += 1;
      if (written.status === 'failed') state.failed += 1;
      moved ||= written.status !== 'in_flight';
    }
    if (moved) report();
  }

  function report(): void {
    try {
      input.onProgress?.({ total: state.total, done: state.done, failed: state.failed });
    } catch {
      // A progress observer never changes the outcome.
    }
  }

  function entry(
    action: PlanAction,
    status: ApplyEntry['status'],
    userId?: string,
    error?: ErrorSummary,
  ): ApplyEntry {
    return {
      actionId: action.id,
      status,
      ...(userId === undefined ? {} : { userId }),
      ...(error === undefined ? {} : { error }),
      at: input.now().toISOString(),
    };
  }

  report();
  let next = 0;
  const worker = async () => {
    while (state.stopped === undefined && !input.signal.aborted && next < tasks.length) {
      const task = tasks[next]!;
      next += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, tasks.length) }, worker));
  if (state.stopped === undefined && input.signal.aborted) stop(summary(input.signal.reason));
  return state.stopped;
}

/** Code and message only: errors leaving a connection's directory are already scrubbed. */
export function summary(error: unknown): ErrorSummary {
  if (ProvisioningError.is(error)) return { code: error.code, message: error.message };
  return { code: 'cancelled', message: 'the apply was stopped' };
}

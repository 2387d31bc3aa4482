import type { Connection } from '../composition/provision-kit.js';
import type { ErrorSummary, GuardVerdict } from '../events/provision-event.js';
import type { ApplyEntry } from '../state/apply-journal.js';
import type { StateStore } from '../state/state-store.js';
import {
  type ActionFailure,
  type ApplyResult,
  type ApplyStatus,
  type ConnectionApplyResult,
  MAX_REPORTED_FAILURES,
} from './apply-result.js';
import type { ConnectionPlan, ReconcilePlan } from './plan-schema.js';

const PAGE = 1000;

/** Every journal entry of a plan, by action id. */
export async function loadEntries(store: StateStore, planId: string): Promise<Map<string, ApplyEntry>> {
  const entries = new Map<string, ApplyEntry>();
  let after: string | undefined;
  for (;;) {
    const page = await store.listApplyEntries(planId, { after, limit: PAGE });
    for (const entry of page) entries.set(entry.actionId, entry);
    if (page.length < PAGE) return entries;
    after = page.at(-1)!.actionId;
  }
}

/** The result of an apply, counted from the journal's entries. */
export function buildResult(input: {
  readonly plan: ReconcilePlan;
  readonly paired: readonly { readonly plan: ConnectionPlan; readonly connection: Connection }[];
  readonly entries: ReadonlyMap<string, ApplyEntry>;
  readonly status: ApplyStatus;
  readonly guards?: readonly (GuardVerdict & { hold: boolean })[];
  readonly resumed: boolean;
  readonly alreadyApplied: boolean;
  readonly durationMs: number;
  readonly error?: ErrorSummary;
}): ApplyResult {
  const failures: ActionFailure[] = [];
  const connections: ConnectionApplyResult[] = input.paired.map((pair, index) => {
    let done = 0;
    let failed = 0;
    for (const action of pair.plan.actions) {
      const entry = input.entries.get(action.id);
      if (entry?.status === 'done') done += 1;
      else if (entry?.status === 'failed') {
        failed += 1;
        if (failures.length < MAX_REPORTED_FAILURES) {
          failures.push({
            actionId: action.id,
            kind: action.kind,
            userName: action.userName,
            error: entry.error ?? { code: 'provider_error', message: 'failed' },
          });
        }
      }
    }
    const total = pair.plan.actions.length;
    return {
      tenant: pair.plan.tenant,
      provider: pair.plan.provider,
      total,
      done,
      failed,
      pending: total - done - failed,
      guard: input.guards?.[index] ?? pair.plan.guard,
    };
  });
  const sum = (field: 'total' | 'done' | 'failed' | 'pending') =>
    connections.reduce((total, connection) => total + connection[field], 0);
  return {
    planId: input.plan.id,
    status: input.status,
    resumed: input.resumed,
    alreadyApplied: input.alreadyApplied,
    total: sum('total'),
    done: sum('done'),
    failed: sum('failed'),
    pending: sum('pending'),
    connections,
    failures,
    ...(input.error === undefined ? {} : { error: input.error }),
    durationMs: input.durationMs,
  };
}

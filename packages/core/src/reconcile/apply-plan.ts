import type { Connection } from '../composition/provision-kit.js';
import { ConflictError, InvalidInputError, UnsupportedOperationError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import type { ApplyEntry } from '../state/apply-journal.js';
import { UserCanonicalizer } from '../state/canonical-user.js';
import { describeKey } from '../state/connection-key.js';
import type { StateStore } from '../state/state-store.js';
import { judgeMassChange } from '../sync/mass-change-guard.js';
import { isOwnerAlive, newOwner } from '../sync/run-owner.js';
import { ApplyOptions, type ParsedApplyOptions } from './apply-options.js';
import { buildResult, loadEntries } from './apply-report.js';
import type { ApplyResult, ApplyStatus } from './apply-result.js';
import { type ApplyTarget, runApply } from './apply-run.js';
import type { ConnectionFacts, ConnectionResolver } from './connection-facts.js';
import type { ConnectionPlan, ReconcilePlan } from './plan-schema.js';
import { readDirectory } from './read-directory.js';
import { resolveInFlight } from './resolve-in-flight.js';
import { verifyPlan } from './verify-plan.js';

export interface ApplyDeps {
  readonly store: StateStore | undefined;
  readonly resolve: ConnectionResolver;
  readonly now: () => Date;
}

interface Paired {
  readonly plan: ConnectionPlan;
  readonly connection: Connection;
  readonly facts: ConnectionFacts;
}

/**
 * Applies a plan exactly as it was reviewed, or refuses it:
 * 1. an apply of this plan that finished returns its result and does nothing;
 * 2. a first apply lists every directory again and refuses a plan whose revision moved (`conflict`,
 *    `details.reason: 'stale_plan'`: "the plan is stale", nothing written), then asks the
 *    mass-change guard (`held`, nothing written, unless approved);
 * 3. an interrupted apply (a killed process, an abort, a provider that went down) is resumed from its
 *    journal: actions left in flight are settled by reading the directory, never sent blindly;
 * 4. the rest is sent (see `runApply`) and the journal finished.
 */
export async function applyPlan(
  rawPlan: unknown,
  rawOptions: unknown,
  deps: ApplyDeps,
): Promise<ApplyResult> {
  const started = performance.now();
  const plan = verifyPlan(rawPlan);
  const options = parseInput(ApplyOptions, rawOptions, { argument: 'options' });
  const paired = pairConnections(plan, options, deps.resolve);
  const store = deps.store;
  if (store === undefined) {
    throw new UnsupportedOperationError(
      'Applying a plan needs a state store for its journal: pass `store` to createProvisionKit',
      {
        details: { reason: 'no_state_store' },
      },
    );
  }
  const journal = await store.getApplyJournal(plan.id);
  const entries = journal === undefined ? new Map<string, ApplyEntry>() : await loadEntries(store, plan.id);
  const elapsed = () => Math.round(performance.now() - started);
  if (journal?.status === 'finished') {
    return buildResult({
      plan,
      paired,
      entries,
      status: journal.outcome?.status ?? 'applied',
      resumed: false,
      alreadyApplied: true,
      durationMs: elapsed(),
    });
  }
  const guards = paired.map((pair) => judge(pair, options));
  if (journal === undefined) {
    await refuseStale(paired, options.signal);
    if (guards.some((guard) => guard.hold) && !options.approveMassChange) {
      return buildResult({
        plan,
        paired,
        entries,
        status: 'held',
        guards,
        resumed: false,
        alreadyApplied: false,
        durationMs: elapsed(),
      });
    }
  }
  if (options.dryRun) {
    return buildResult({
      plan,
      paired,
      entries,
      status: 'dry_run',
      guards,
      resumed: false,
      alreadyApplied: false,
      durationMs: elapsed(),
    });
  }

  const owner = newOwner();
  const leaseUntil = () => new Date(deps.now().getTime() + options.leaseMs).toISOString();
  const begun = await store.beginApply({
    planId: plan.id,
    planDigest: plan.digest,
    startedAt: deps.now().toISOString(),
    owner,
    leaseUntil: leaseUntil(),
    isOwnerAlive,
  });
  if (begun.journal.status === 'finished') {
    // Another process finished it between our look and our claim.
    return buildResult({
      plan,
      paired,
      entries: await loadEntries(store, plan.id),
      status: begun.journal.outcome?.status ?? 'applied',
      resumed: false,
      alreadyApplied: true,
      durationMs: elapsed(),
    });
  }
  const controller = new AbortController();
  const signal =
    options.signal === undefined ? controller.signal : AbortSignal.any([options.signal, controller.signal]);
  const renewal = setInterval(() => {
    store.renewApplyLease(plan.id, owner, leaseUntil()).catch(() => controller.abort());
  }, options.leaseMs / 3);
  renewal.unref();
  let stopped: Awaited<ReturnType<typeof runApply>>;
  try {
    if (begun.resumed) await settleInFlight(store, plan.id, owner, paired, entries, deps.now, signal);
    const targets: ApplyTarget[] = paired.map((pair) => ({
      plan: pair.plan,
      connection: pair.connection,
      pending: pair.plan.actions.filter((action) => {
        const status = entries.get(action.id)?.status;
        return status === undefined || status === 'in_flight';
      }),
    }));
    let done = 0;
    let failed = 0;
    for (const written of entries.values()) {
      if (written.status === 'done') done += 1;
      if (written.status === 'failed') failed += 1;
    }
    stopped = await runApply({
      store,
      planId: plan.id,
      owner,
      targets,
      concurrency: options.concurrency,
      batchSize: options.batchSize,
      signal,
      now: deps.now,
      progress: { total: plan.connections.reduce((sum, c) => sum + c.actions.length, 0), done, failed },
      onProgress: options.onProgress,
      onEntry: (written) => entries.set(written.actionId, written),
    });
  } catch (error) {
    clearInterval(renewal);
    await store.releaseApply(plan.id, owner).catch(() => undefined);
    throw error;
  }
  clearInterval(renewal);
  const failures = [...entries.values()].filter((written) => written.status === 'failed').length;
  const doneCount = [...entries.values()].filter((written) => written.status === 'done').length;
  let status: ApplyStatus;
  if (stopped !== undefined) {
    await store.releaseApply(plan.id, owner);
    status = 'interrupted';
  } else {
    status = failures > 0 ? 'partial' : 'applied';
    await store.finishApply(plan.id, owner, {
      finishedAt: deps.now().toISOString(),
      outcome: { status, done: doneCount, failed: failures },
    });
  }
  return buildResult({
    plan,
    paired,
    entries,
    status,
    guards,
    resumed: begun.resumed,
    alreadyApplied: false,
    durationMs: elapsed(),
    ...(stopped === undefined ? {} : { error: stopped }),
  });
}

/** Each plan connection with the open connection of the same tenant and provider. */
function pairConnections(
  plan: ReconcilePlan,
  options: ParsedApplyOptions,
  resolve: ConnectionResolver,
): Paired[] {
  const open = new Map<string, { connection: Connection; facts: ConnectionFacts }>();
  for (const [index, connection] of options.connections.entries()) {
    const facts = resolve(connection, `options.connections.${index}`);
    open.set(describeKey(facts.key), { connection, facts });
  }
  return plan.connections.map((connectionPlan, index) => {
    const name = describeKey({ tenant: connectionPlan.tenant, provider: connectionPlan.provider });
    const found = open.get(name);
    if (found === undefined) {
      throw new InvalidInputError(`Invalid options: no connection for ${name}`, [
        {
          path: 'options.connections',
          message: `must include a connection for ${name} (plan.connections.${index})`,
        },
      ]);
    }
    return { plan: connectionPlan, ...found };
  });
}

function judge(pair: Paired, options: ParsedApplyOptions) {
  const { counts, users } = pair.plan;
  const { verdict, hold } = judgeMassChange(options.massChange ?? pair.facts.settings?.massChange, {
    deleted: counts.remove + counts.purge,
    suspended: counts.suspend,
    base: users,
  });
  return { ...verdict, hold };
}

/** "The plan is stale": some directory is not at the revision the plan was computed from. */
async function refuseStale(paired: readonly Paired[], signal: AbortSignal | undefined): Promise<void> {
  const moved: string[] = [];
  for (const pair of paired) {
    const reading = await readDirectory(
      pair.connection.directory,
      new UserCanonicalizer(pair.facts.secrets),
      {
        index: false,
        signal,
      },
    );
    if (reading.revision !== pair.plan.revision) moved.push(describeKey(pair.facts.key));
  }
  if (moved.length > 0) {
    throw new ConflictError(`The plan is stale: ${moved.join(', ')} changed since it was planned`, {
      details: { reason: 'stale_plan', connections: moved },
    });
  }
}

/** Reads each directory with actions left in flight once, and journals what each turned out to be. */
async function settleInFlight(
  store: StateStore,
  planId: string,
  owner: string,
  paired: readonly Paired[],
  entries: Map<string, ApplyEntry>,
  now: () => Date,
  signal: AbortSignal,
): Promise<void> {
  for (const pair of paired) {
    const inFlight = pair.plan.actions.filter((action) => entries.get(action.id)?.status === 'in_flight');
    if (inFlight.length === 0) continue;
    const reading = await readDirectory(
      pair.connection.directory,
      new UserCanonicalizer(pair.facts.secrets),
      {
        index: true,
        signal,
      },
    );
    const settled: ApplyEntry[] = [];
    for (const action of inFlight) {
      const found = resolveInFlight(action, reading);
      if (found.outcome === 'pending') continue;
      const at = now().toISOString();
      settled.push(
        found.outcome === 'done'
          ? {
              actionId: action.id,
              status: 'done',
              ...(found.userId === undefined ? {} : { userId: found.userId }),
              at,
            }
          : { actionId: action.id, status: 'failed', error: found.error, at },
      );
    }
    if (settled.length > 0) await store.recordApplyEntries(planId, owner, settled);
    for (const written of settled) entries.set(written.actionId, written);
  }
}

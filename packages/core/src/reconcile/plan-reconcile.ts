import { randomUUID } from 'node:crypto';
import type { Connection } from '../composition/provision-kit.js';
import { InvalidInputError, UnsupportedOperationError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import { supports } from '../spi/capabilities.js';
import { UserCanonicalizer } from '../state/canonical-user.js';
import { describeKey } from '../state/connection-key.js';
import { judgeMassChange } from '../sync/mass-change-guard.js';
import type { ConnectionResolver } from './connection-facts.js';
import { type DesiredUsers, isDesiredUsers } from './desired-users.js';
import { DirectoryPlanner } from './directory-planner.js';
import { planDigest } from './plan-digest.js';
import { PLAN_PROGRESS_EVERY, PlanInput, type PlanProgress } from './plan-input.js';
import {
  type ActionCounts,
  type ConnectionPlan,
  emptyCounts,
  PLAN_VERSION,
  type PlanAction,
  type ReconcilePlan,
} from './plan-schema.js';
import { readDesiredUsers } from './read-desired-users.js';
import type { ParsedReconcilePolicy } from './reconcile-policy.js';

/**
 * Computes a plan: lists each connection's directory once and compares it with the desired list.
 * Reads only: nothing is written to a directory or to the state store.
 */
export async function planReconcile(
  input: PlanInput,
  resolve: ConnectionResolver,
  now: () => Date,
): Promise<ReconcilePlan> {
  const parsed = parseInput(PlanInput, input, { argument: 'input' });
  const desired: DesiredUsers = isDesiredUsers(parsed.desired)
    ? parsed.desired
    : readDesiredUsers(parsed.desired as unknown[]);
  const seen = new Set<string>();
  let nextAction = 0;
  const nextId = () => {
    nextAction += 1;
    return `a${nextAction}`;
  };
  const connections: ConnectionPlan[] = [];
  for (const [index, connection] of parsed.connections.entries()) {
    const facts = resolve(connection, `input.connections.${index}`);
    const name = describeKey(facts.key);
    if (seen.has(name)) {
      throw new InvalidInputError(`Invalid input: ${name} is listed twice`, [
        { path: `input.connections.${index}`, message: 'is listed twice (same tenant and provider)' },
      ]);
    }
    seen.add(name);
    checkCapabilities(connection, parsed.policy, index);
    const planner = new DirectoryPlanner({
      desired,
      policy: parsed.policy,
      capabilities: connection.directory.capabilities,
      provider: facts.key.provider,
      canonicalizer: new UserCanonicalizer(facts.secrets),
      nextId,
    });
    const listing = connection.directory.listUsers({
      ...(parsed.pageSize === undefined ? {} : { pageSize: parsed.pageSize }),
      ...(parsed.signal === undefined ? {} : { signal: parsed.signal }),
    });
    const report = (listed: number, finished: boolean) =>
      notify(parsed.onProgress, { tenant: facts.key.tenant, provider: facts.key.provider, listed, finished });
    let listed = 0;
    report(0, false);
    for await (const user of listing) {
      planner.see(user);
      listed += 1;
      if (listed % PLAN_PROGRESS_EVERY === 0) report(listed, false);
    }
    report(listed, true);
    const planned = planner.finish();
    const counts = countActions(planned.actions);
    const { verdict, hold } = judgeMassChange(facts.settings?.massChange, {
      deleted: counts.remove + counts.purge,
      suspended: counts.suspend,
      base: planned.users,
    });
    connections.push({
      tenant: facts.key.tenant,
      provider: facts.key.provider,
      revision: planned.revision,
      users: planned.users,
      unchanged: planned.unchanged,
      guard: { ...verdict, hold },
      counts,
      actions: planned.actions,
      notes: planned.notes,
      issueCount: planned.issueCount,
      issues: planned.issues,
    });
  }
  const plan: Omit<ReconcilePlan, 'digest'> = {
    format: 'provisionkit.plan',
    version: PLAN_VERSION,
    id: `plan_${randomUUID().replaceAll('-', '')}`,
    createdAt: now().toISOString(),
    desired: {
      format: desired.format,
      hash: desired.hash,
      rows: desired.rows,
      accepted: desired.users.length,
      complete: desired.complete,
      issueCount: desired.issueCount,
      issues: [...desired.issues],
    },
    policy: parsed.policy,
    connections,
    counts: sumCounts(connections.map((connection) => connection.counts)),
  };
  return { ...plan, digest: planDigest(plan) };
}

function notify(observer: ((progress: PlanProgress) => void) | undefined, progress: PlanProgress): void {
  try {
    observer?.(progress);
  } catch {
    // A progress observer never changes the plan.
  }
}

/** Refuses what no plan could do on this connection, before listing anything. */
function checkCapabilities(connection: Connection, policy: ParsedReconcilePolicy, index: number): void {
  const { capabilities, provider } = connection.directory;
  if (!supports(capabilities, 'listUsers')) {
    throw new UnsupportedOperationError(`${provider} cannot list users, so nothing can be planned`, {
      provider,
      details: { operation: 'listUsers' },
    });
  }
  const storesExternalId =
    (capabilities.creatableFields as readonly string[]).includes('externalId') ||
    (capabilities.updatableFields as readonly string[]).includes('externalId');
  if (policy.match === 'externalId' && !storesExternalId) {
    throw new InvalidInputError(`Invalid input: ${provider} stores no externalId: match on userName`, [
      { path: `input.connections.${index}`, message: `${provider} stores no externalId to match on` },
    ]);
  }
}

export function countActions(actions: readonly PlanAction[]): ActionCounts {
  const counts = emptyCounts();
  for (const action of actions) counts[action.kind] += 1;
  return counts;
}

function sumCounts(all: readonly ActionCounts[]): ActionCounts {
  const total = emptyCounts();
  for (const counts of all)
    for (const kind of Object.keys(total) as (keyof ActionCounts)[]) total[kind] += counts[kind];
  return total;
}

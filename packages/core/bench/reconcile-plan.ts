// Planning 100,000 desired users against 100,000 existing ones, beside the time to merely parse
// the two inputs (the desired CSV, the existing users as JSON Lines). Target: at most 3x.
import { performance } from 'node:perf_hooks';
import { type BenchResult, writeBenchResults } from '@provisionkit/bench-kit';
import type { User } from '../src/model/user.js';
import type { DesiredUsers } from '../src/reconcile/desired-users.js';
import { DirectoryPlanner } from '../src/reconcile/directory-planner.js';
import { planDigest } from '../src/reconcile/plan-digest.js';
import { readDesiredUsers } from '../src/reconcile/read-desired-users.js';
import { ReconcilePolicy } from '../src/reconcile/reconcile-policy.js';
import { resolveCapabilities } from '../src/spi/resolve-capabilities.js';
import { VERBS } from '../src/spi/verbs.js';
import { UserCanonicalizer } from '../src/state/canonical-user.js';
import { resultTable } from './bench-results.js';

const RUNS = 5;
const capabilities = resolveCapabilities({
  verbs: [...VERBS],
  maxBatchSize: 1000,
  maxPageSize: 1000,
  defaultPageSize: 100,
  creatableFields: ['email', 'givenName', 'familyName', 'displayName', 'externalId', 'attributes'],
  updatableFields: ['email', 'givenName', 'familyName', 'displayName', 'externalId', 'attributes'],
});
const policy = ReconcilePolicy.parse({ unmatched: 'suspend' });
const GROUPS = ['Engineering', 'Sales', 'Support', 'Finance', 'Marketing', 'Legal'];

/**
 * `n` existing users (JSON Lines) and a desired CSV of the same size: 95% of them (in another
 * letter case for some), 3% with a changed family name, 2% in another group, 5% new people; the
 * 5% left out are suspended by the policy.
 */
function inputs(n: number): { csv: string; jsonl: string } {
  const existing: string[] = [];
  const desired: string[] = ['userName,givenName,familyName,groups'];
  for (let i = 0; i < n; i += 1) {
    const user: User = {
      id: `u${i}`,
      userName: `person${i}@acme.example`,
      email: `person${i}@acme.example`,
      givenName: `Given${i}`,
      familyName: `Family${i}`,
      status: i % 40 === 0 ? 'suspended' : 'active',
      isAdmin: false,
      groups: [GROUPS[i % GROUPS.length]!],
      attributes: { costCenter: `cc-${i % 97}` },
      createdAt: '2024-05-11T10:00:00Z',
    };
    existing.push(JSON.stringify(user));
    if (i % 20 === 19) continue; // left the company
    const name = i % 7 === 0 ? user.userName.toUpperCase() : user.userName;
    const family = i % 33 === 0 ? `Renamed${i}` : user.familyName;
    const group = i % 50 === 0 ? GROUPS[(i + 1) % GROUPS.length] : user.groups[0];
    desired.push(`${name},${user.givenName},${family},${group}`);
  }
  for (let i = 0; i < n / 20; i += 1) desired.push(`hire${i}@acme.example,Hire,Number${i},Engineering`);
  return { csv: `${desired.join('\n')}\n`, jsonl: `${existing.join('\n')}\n` };
}

function parseBoth(csv: string, jsonl: string): { desired: DesiredUsers; existing: User[] } {
  const desired = readDesiredUsers(csv, { format: 'csv' });
  const existing: User[] = [];
  let start = 0;
  for (;;) {
    const end = jsonl.indexOf('\n', start);
    if (end === -1) break;
    existing.push(JSON.parse(jsonl.slice(start, end)) as User);
    start = end + 1;
  }
  return { desired, existing };
}

function plan(desired: DesiredUsers, existing: readonly User[]): number {
  let next = 0;
  const planner = new DirectoryPlanner({
    desired,
    policy,
    capabilities,
    provider: 'bench',
    canonicalizer: new UserCanonicalizer(['canary-secret-value']),
    nextId: () => `a${++next}`,
  });
  for (const user of existing) planner.see(user);
  const planned = planner.finish();
  // The plan's digest is part of planning: canonical JSON of every action.
  planDigest({
    connections: [{ revision: planned.revision, actions: planned.actions, notes: planned.notes }],
  });
  return planned.actions.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(n: number): { parse: number; plan: number; actions: number } {
  const { csv, jsonl } = inputs(n);
  const parses: number[] = [];
  const plans: number[] = [];
  let actions = 0;
  for (let run = 0; run <= RUNS; run += 1) {
    let started = performance.now();
    const { desired, existing } = parseBoth(csv, jsonl);
    const parsed = performance.now() - started;
    started = performance.now();
    actions = plan(desired, existing);
    const planned = performance.now() - started;
    if (run === 0) continue; // warm-up
    parses.push(parsed);
    plans.push(planned);
  }
  return { parse: median(parses), plan: median(plans), actions };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const half = measure(50_000);
const full = measure(100_000);
const ratio = round(full.plan / full.parse, 3);
const scaling = round(full.plan / half.plan, 3);
const results: BenchResult[] = [
  {
    id: 'plan-100k-desired-vs-100k-existing-vs-parse',
    value: round(full.plan),
    unit: 'ms',
    baseline: round(full.parse),
    ratio,
    target: '<= 3x',
    pass: ratio <= 3,
  },
  {
    id: 'plan-100k-vs-50k-linear',
    value: round(full.plan),
    unit: 'ms',
    baseline: round(half.plan),
    ratio: scaling,
    target: '<= 2.5x (linear: 2x)',
    pass: scaling <= 2.5,
  },
  {
    id: 'plan-100k-actions',
    value: full.actions,
    unit: 'actions',
    baseline: null,
    ratio: null,
    target: null,
    pass: null,
  },
];
console.log(`Reconcile plan, median of ${RUNS} runs after a warm-up\n`);
console.log(resultTable(results));
console.log(`\nwritten to ${writeBenchResults(new URL('../', import.meta.url), 'reconcile-plan', results)}`);

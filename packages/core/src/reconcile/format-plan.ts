import { z } from 'zod';
import { parseInput } from '../errors/from-zod.js';
import type { FieldValue } from '../events/field-changes.js';
import { guardLimitText } from './guard-limit.js';
import { ACTION_KINDS, type ActionReason, type PlanAction, ReconcilePlan } from './plan-schema.js';
import type { RowIssue } from './row-issue.js';
import { formatTable, printable } from './text-table.js';

const SYMBOLS: Record<PlanAction['kind'], string> = {
  create: '+',
  update: '~',
  addToGroups: '~',
  removeFromGroups: '~',
  reactivate: '~',
  suspend: '-',
  remove: '-',
  purge: '!',
};

const REASONS: Record<ActionReason, string> = {
  not_in_directory: 'desired, no account',
  fields_differ: 'fields differ',
  groups_differ: 'groups differ',
  desired_again: 'suspended, desired again',
  desired_suspended: 'desired suspended',
  not_desired: 'not in the desired list',
};

export const FormatPlanOptions = z.strictObject({
  /** Action rows shown per connection (the counts always cover every action). Default 50. */
  maxRows: z.number().int().nonnegative().default(50),
});
export type FormatPlanOptions = z.input<typeof FormatPlanOptions>;

/**
 * A plan as a person reads it: per connection the counts, the notes and a table of actions
 * (`+` create, `~` change, `-` suspend or remove, `!` purge) with their reasons.
 */
export function formatPlan(plan: ReconcilePlan, options: FormatPlanOptions = {}): string {
  const { maxRows } = parseInput(FormatPlanOptions, options, { argument: 'options' });
  const parsed = parseInput(ReconcilePlan, plan, { argument: 'plan' });
  const lines: string[] = [];
  const { desired } = parsed;
  lines.push(`Plan ${parsed.id} (${parsed.createdAt})`);
  // A row may have several issues, and some (an unknown column) reject no row: counted apart.
  const issues =
    desired.issueCount === 0
      ? ''
      : `, ${desired.issueCount} ${desired.issueCount === 1 ? 'issue' : 'issues'}`;
  lines.push(
    `Desired: ${desired.format}, ${desired.rows} rows, ${desired.accepted} accepted, ${desired.rows - desired.accepted} rejected${issues} (${desired.hash.slice(0, 19)}…)${desired.complete ? '' : ', INCOMPLETE: nobody is suspended or removed for being absent'}`,
  );
  lines.push(...issueLines(desired.issues, desired.issueCount, maxRows));
  for (const connection of parsed.connections) {
    const issueCount = connection.issueCount ?? 0;
    lines.push('');
    lines.push(
      `${connection.tenant}/${connection.provider}: ${connection.users} users, ${connection.unchanged} unchanged, ${summarize(connection.counts)}${issueCount === 0 ? '' : `; ${rowIssues(issueCount)} not planned`}`,
    );
    lines.push(...issueLines(connection.issues ?? [], issueCount, maxRows));
    if (connection.guard.hold) {
      lines.push(
        `  HELD by the mass-change guard: ${connection.guard.changes} suspensions and removals, limit ${guardLimitText(connection.guard.limit)}; apply with approval`,
      );
    }
    for (const note of connection.notes)
      lines.push(
        `  note: ${note.count} × ${note.message} (${note.examples.join(', ')}${note.count > note.examples.length ? ', …' : ''})`,
      );
    const rows = sample(connection.actions, maxRows).map((action) => [
      `${SYMBOLS[action.kind]} ${action.kind}`,
      action.userName,
      details(action),
      REASONS[action.reason],
    ]);
    if (rows.length > 0) {
      const header = ['ACTION', 'USER', 'DETAILS', 'REASON'];
      lines.push(...formatTable({ header, rows }).map((row) => `  ${row}`));
    }
    if (connection.actions.length > rows.length)
      lines.push(`  … ${connection.actions.length - rows.length} more actions (see the JSON plan)`);
  }
  lines.push('');
  const total = ACTION_KINDS.reduce((sum, kind) => sum + parsed.counts[kind], 0);
  const refused = parsed.connections.reduce((sum, connection) => sum + (connection.issueCount ?? 0), 0);
  const notPlanned = refused === 0 ? '' : `; ${rowIssues(refused)} not planned (see above)`;
  lines.push(total === 0 ? `No changes${notPlanned}.` : `Plan: ${summarize(parsed.counts)}${notPlanned}.`);
  return lines.join('\n');
}

/** `line <n> <field>: <message>` for up to `max` issues, then how many more there are. */
function issueLines(issues: readonly RowIssue[], count: number, max: number): string[] {
  const shown = issues.slice(0, max);
  const lines = shown.map(
    (issue) => `  line ${issue.line}${issue.field === undefined ? '' : ` ${issue.field}`}: ${issue.message}`,
  );
  if (count > shown.length) lines.push(`  … ${count - shown.length} more issues`);
  return lines;
}

function rowIssues(count: number): string {
  return `${count} row ${count === 1 ? 'issue' : 'issues'}`;
}

/** Up to `max` actions, every kind present shown (plan order within each kind). */
function sample(actions: readonly PlanAction[], max: number): PlanAction[] {
  if (actions.length <= max) return [...actions];
  const byKind = ACTION_KINDS.map((kind) => actions.filter((action) => action.kind === kind)).filter(
    (group) => group.length > 0,
  );
  const shown: PlanAction[] = [];
  for (let round = 0; shown.length < max; round += 1) {
    for (const group of byKind) if (round < group.length && shown.length < max) shown.push(group[round]!);
  }
  return ACTION_KINDS.flatMap((kind) => shown.filter((action) => action.kind === kind));
}

function summarize(counts: ReconcilePlan['counts']): string {
  const parts = ACTION_KINDS.filter((kind) => counts[kind] > 0).map((kind) => `${counts[kind]} ${kind}`);
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}

function details(action: PlanAction): string {
  switch (action.kind) {
    case 'create':
      return action.user.groups === undefined || action.user.groups.length === 0
        ? ''
        : `groups: ${action.user.groups.join(', ')}`;
    case 'update':
      return action.changes
        .map((change) => `${change.field}: ${show(change.before)} → ${show(change.after)}`)
        .join('; ');
    case 'addToGroups':
    case 'removeFromGroups':
      return action.groups.join(', ');
    default:
      return '';
  }
}

function show(value: FieldValue | undefined): string {
  if (value === undefined) return '(none)';
  const text = Array.isArray(value) ? value.join(', ') : JSON.stringify(value);
  // Control characters in a cell would move the terminal's cursor: shown escaped instead.
  const safe = printable(text, (code) => `\\u${code.toString(16).padStart(4, '0')}`);
  return safe.length > 60 ? `${safe.slice(0, 57)}…` : safe;
}

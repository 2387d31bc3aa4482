import { z } from 'zod';
import { FieldChange } from '../events/field-changes.js';
import { GuardVerdict } from '../events/provision-event.js';
import { IsoTimestamp, UserName } from '../model/primitives.js';
import { NewUser, UserPatch } from '../model/user.js';
import { ReconcilePolicy } from './reconcile-policy.js';
import { RowIssue } from './row-issue.js';

/** The version of the plan format this code writes and reads. */
export const PLAN_VERSION = 1;

/** Why an action is in the plan; `formatPlan` says it in words. */
export const ActionReason = z.enum([
  /** create: desired, and no account matches. */
  'not_in_directory',
  /** update: a desired field differs from the directory's. */
  'fields_differ',
  /** addToGroups / removeFromGroups: the desired groups differ. */
  'groups_differ',
  /** reactivate: suspended, and desired active again. */
  'desired_again',
  /** suspend: desired, with status `suspended`. */
  'desired_suspended',
  /** suspend / remove / purge: in the directory, not in the desired list (the `unmatched` policy). */
  'not_desired',
]);
export type ActionReason = z.infer<typeof ActionReason>;

const ActionId = z.string().regex(/^a[0-9]{1,9}$/);
const Target = {
  id: ActionId,
  /** The provider's id of the account. */
  userId: z.string().min(1),
  userName: UserName,
  reason: ActionReason,
};

export const CreateAction = z.strictObject({
  id: ActionId,
  kind: z.literal('create'),
  userName: UserName,
  /** Only fields the provider stores on create; groups included. */
  user: NewUser.omit({ password: true }),
  reason: z.literal('not_in_directory'),
  /** Line of the desired input the user comes from. */
  line: z.number().int().positive(),
});
export const UpdateAction = z.strictObject({
  ...Target,
  kind: z.literal('update'),
  patch: UserPatch,
  /** Each changed field with its value before and after. */
  changes: z.array(FieldChange).min(1),
  line: z.number().int().positive(),
});
export const GroupAction = z.strictObject({
  ...Target,
  kind: z.enum(['addToGroups', 'removeFromGroups']),
  groups: z.array(z.string().min(1)).min(1),
});
export const LifecycleAction = z.strictObject({
  ...Target,
  kind: z.enum(['suspend', 'reactivate', 'remove', 'purge']),
});

export const PlanAction = z.union([CreateAction, UpdateAction, GroupAction, LifecycleAction]);
export type PlanAction = z.infer<typeof PlanAction>;
export type ActionKind = PlanAction['kind'];
export const ACTION_KINDS = [
  'create',
  'update',
  'addToGroups',
  'removeFromGroups',
  'reactivate',
  'suspend',
  'remove',
  'purge',
] as const satisfies readonly ActionKind[];

/**
 * Something the plan did not turn into an action, counted once per connection and kind: a field
 * the provider cannot change, rows left alone, a user name already taken.
 */
export const PlanNote = z.strictObject({
  code: z.enum([
    'field_not_creatable',
    'field_not_updatable',
    'verb_not_supported',
    'left_suspended',
    'invalid_row_left_alone',
    'incomplete_input_left_alone',
    'kept',
    'user_name_taken',
    'ambiguous_match',
  ]),
  field: z.string().optional(),
  count: z.number().int().positive(),
  /** Up to five user names concerned. */
  examples: z.array(z.string()).max(5),
  message: z.string(),
});
export type PlanNote = z.infer<typeof PlanNote>;

export const ActionCounts = z.strictObject(
  Object.fromEntries(ACTION_KINDS.map((kind) => [kind, z.number().int().nonnegative()])) as Record<
    ActionKind,
    z.ZodNumber
  >,
);
export type ActionCounts = Record<ActionKind, number>;

/** The plan of one connection: what it was computed from and what to do there. */
export const ConnectionPlan = z.strictObject({
  tenant: z.string().min(1),
  provider: z.string().min(1),
  /**
   * The directory's revision when planned: a digest of every user's snapshot hash (the hash a
   * sync stores). `apply` lists the directory again and refuses the plan when it differs.
   */
  revision: z.string().regex(/^r1:[0-9a-f]{64}$/),
  /** Users the directory listed. */
  users: z.number().int().nonnegative(),
  /** Matched users that need nothing. */
  unchanged: z.number().int().nonnegative(),
  /** The mass-change guard's verdict on this plan's suspensions and removals, and whether it holds it. */
  guard: GuardVerdict.extend({ hold: z.boolean() }),
  counts: ActionCounts,
  actions: z.array(PlanAction),
  notes: z.array(PlanNote),
  /**
   * Desired rows this connection cannot take (a user name its `userNameFormat` refuses, an `email`
   * other than the user name where it declares `emailIsUserName`): reported
   * with line and field like rows of the input, and planned as nothing instead of as a create that
   * could only fail. Every one is counted; the first `MAX_REPORTED_ISSUES` are listed. Absent from
   * plans saved before they were reported.
   */
  issueCount: z.number().int().nonnegative().optional(),
  issues: z.array(RowIssue).optional(),
});
export type ConnectionPlan = z.infer<typeof ConnectionPlan>;

/** A reconcile plan: serializable, saved as JSON for review, applied exactly as it is. */
export const ReconcilePlan = z.strictObject({
  format: z.literal('provisionkit.plan'),
  version: z.literal(PLAN_VERSION),
  id: z.string().regex(/^plan_[0-9a-f]{32}$/),
  createdAt: IsoTimestamp,
  desired: z.strictObject({
    format: z.enum(['csv', 'jsonl', 'array']),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    rows: z.number().int().nonnegative(),
    accepted: z.number().int().nonnegative(),
    complete: z.boolean(),
    issueCount: z.number().int().nonnegative(),
    issues: z.array(RowIssue),
  }),
  policy: ReconcilePolicy.required(),
  connections: z.array(ConnectionPlan).min(1),
  counts: ActionCounts,
  /** `sha256:` of the plan's JSON without this field: `apply` refuses a plan edited after planning. */
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
export type ReconcilePlan = z.infer<typeof ReconcilePlan>;

export function emptyCounts(): ActionCounts {
  return Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as ActionCounts;
}

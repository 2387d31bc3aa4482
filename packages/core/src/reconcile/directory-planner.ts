import { normalizeUserName } from '../model/primitives.js';
import type { User } from '../model/user.js';
import { type Capabilities, supports } from '../spi/capabilities.js';
import { oneLoginEmailIssue, userNameFormatIssue } from '../spi/user-name-format.js';
import { hashContent, type UserCanonicalizer } from '../state/canonical-user.js';
import { COMPARED_FIELDS } from './desired-user.js';
import type { DesiredRow, DesiredUsers } from './desired-users.js';
import { type PairContext, pairActions } from './pair-actions.js';
import { PlanNotes } from './plan-notes.js';
import type { PlanAction, PlanNote } from './plan-schema.js';
import type { ParsedReconcilePolicy } from './reconcile-policy.js';
import { RevisionDigest } from './revision-digest.js';
import { MAX_REPORTED_ISSUES, type RowIssue } from './row-issue.js';

export interface DirectoryPlannerInput {
  readonly desired: DesiredUsers;
  readonly policy: ParsedReconcilePolicy;
  readonly capabilities: Capabilities;
  readonly provider: string;
  /** Built with the connection's secrets: what a snapshot of this connection stores. */
  readonly canonicalizer: UserCanonicalizer;
  /** Action ids unique in the whole plan. */
  readonly nextId: () => string;
}

export interface DirectoryPlan {
  readonly revision: string;
  readonly users: number;
  readonly unchanged: number;
  readonly actions: PlanAction[];
  readonly notes: PlanNote[];
  /** Rows this directory cannot take (see `ConnectionPlan.issues`): the first ones, and how many. */
  readonly issues: RowIssue[];
  readonly issueCount: number;
}

/**
 * Plans one directory against a desired list in one pass over its users, as they are listed:
 * linear in both, and the directory's users are not kept in memory (only the unmatched ones, which
 * the policy decides about at the end). Call `see` for each listed user, then `finish`.
 */
export class DirectoryPlanner {
  readonly #input: DirectoryPlannerInput;
  readonly #context: PairContext;
  readonly #notes: PlanNotes;
  readonly #byName = new Map<string, DesiredRow>();
  readonly #byExternalId = new Map<string, DesiredRow>();
  readonly #matched = new Set<DesiredRow>();
  readonly #leftAloneNames: ReadonlySet<string>;
  readonly #leftAloneIds: ReadonlySet<string>;
  readonly #keep: ReadonlySet<string>;
  readonly #revision = new RevisionDigest();
  readonly #matchedActions: PlanAction[] = [];
  readonly #unmatched: User[] = [];
  readonly #issues: RowIssue[] = [];
  #issueCount = 0;
  #unchanged = 0;

  constructor(input: DirectoryPlannerInput) {
    this.#input = input;
    this.#notes = new PlanNotes(input.provider);
    this.#context = {
      capabilities: input.capabilities,
      policy: input.policy,
      notes: this.#notes,
      nextId: input.nextId,
    };
    for (const row of input.desired.users) {
      this.#byName.set(normalizeUserName(row.user.userName), row);
      if (row.user.externalId !== undefined) this.#byExternalId.set(row.user.externalId, row);
    }
    this.#leftAloneNames = new Set(input.desired.leftAlone.userNames);
    this.#leftAloneIds = new Set(input.desired.leftAlone.externalIds);
    this.#keep = new Set(input.policy.keep.map(normalizeUserName));
  }

  see(user: User): void {
    const { canonicalizer } = this.#input;
    this.#revision.add(hashContent(canonicalizer.content(user)));
    const nameKey = normalizeUserName(user.userName);
    if (this.#keep.has(nameKey)) {
      this.#notes.add('kept', user.userName);
      return;
    }
    const row =
      this.#input.policy.match === 'userName'
        ? this.#byName.get(nameKey)
        : user.externalId === undefined
          ? undefined
          : this.#byExternalId.get(user.externalId);
    if (row !== undefined) {
      if (this.#matched.has(row)) this.#notes.add('ambiguous_match', user.userName);
      else this.#pair(row, user);
    } else if (
      this.#leftAloneNames.has(nameKey) ||
      (user.externalId !== undefined && this.#leftAloneIds.has(user.externalId))
    ) {
      this.#notes.add('invalid_row_left_alone', user.userName);
    } else this.#unmatched.push(user);
  }

  finish(): DirectoryPlan {
    const creates: PlanAction[] = [];
    const unmatchedByName = this.#indexUnmatched();
    for (const row of this.#input.desired.users) {
      if (this.#matched.has(row)) continue;
      const nameKey = normalizeUserName(row.user.userName);
      const taken = unmatchedByName?.get(nameKey);
      if (taken !== undefined) {
        unmatchedByName!.delete(nameKey);
        // Matching on externalId: an account with this user name but no externalId is adopted.
        if (taken.externalId === undefined) this.#pair(row, taken);
        else this.#notes.add('user_name_taken', taken.userName);
        continue;
      }
      if (row.user.status === 'suspended') continue; // nobody needs a new account to keep suspended
      const create = this.#create(row);
      if (create !== undefined) creates.push(create);
    }
    const remaining = unmatchedByName === undefined ? this.#unmatched : [...unmatchedByName.values()];
    const absent = remaining.flatMap((user) => this.#absent(user));
    return {
      revision: this.#revision.finish(),
      users: this.#revision.count,
      unchanged: this.#unchanged,
      actions: [...creates, ...this.#matchedActions, ...absent],
      notes: this.#notes.list(),
      issues: this.#issues,
      issueCount: this.#issueCount,
    };
  }

  #pair(row: DesiredRow, user: User): void {
    this.#matched.add(row);
    // An `email` other than the user name, where the provider keeps one login email, would rename
    // the account: the row is reported and its other fields still compared.
    const email = this.#oneLoginEmail(row, 'email is not changed');
    const compared = email === undefined ? row : { ...row, user: { ...row.user, email: undefined } };
    const actions = pairActions(compared, user, this.#input.canonicalizer.project(user), this.#context);
    if (actions.length === 0) this.#unchanged += 1;
    else this.#matchedActions.push(...actions);
  }

  /**
   * Reports the row (and returns why) when its `email` is not its user name on a provider that
   * keeps one login email (`emailIsUserName`); undefined when the row is fine.
   */
  #oneLoginEmail(row: DesiredRow, outcome: string): string | undefined {
    const { email, userName } = row.user;
    if (email === undefined) return undefined;
    const issue = oneLoginEmailIssue(this.#input.capabilities, userName, email, this.#input.provider);
    if (issue === undefined) return undefined;
    this.#issueCount += 1;
    if (this.#issues.length < MAX_REPORTED_ISSUES)
      this.#issues.push({ line: row.line, field: 'email', message: `${issue}: ${outcome}` });
    return issue;
  }

  /** When matching on externalId, unmatched accounts by user name (else undefined). */
  #indexUnmatched(): Map<string, User> | undefined {
    if (this.#input.policy.match !== 'externalId') return undefined;
    const index = new Map<string, User>();
    for (const user of this.#unmatched) index.set(normalizeUserName(user.userName), user);
    return index;
  }

  #create(row: DesiredRow): PlanAction | undefined {
    const { capabilities } = this.#input;
    const desired = row.user;
    if (!supports(capabilities, 'createUsers') && !supports(capabilities, 'createUser')) {
      this.#notes.add('verb_not_supported', desired.userName, 'createUser');
      return undefined;
    }
    // A create the directory would refuse is not a reviewable action: the row is reported instead.
    const format = userNameFormatIssue(capabilities.userNameFormat, desired.userName, this.#input.provider);
    if (format !== undefined) {
      this.#issueCount += 1;
      if (this.#issues.length < MAX_REPORTED_ISSUES)
        this.#issues.push({ line: row.line, field: 'userName', message: `${format}: no account is created` });
      return undefined;
    }
    if (this.#oneLoginEmail(row, 'no account is created') !== undefined) return undefined;
    const user: Record<string, unknown> = { userName: desired.userName };
    const creatable: readonly string[] = capabilities.creatableFields;
    for (const field of COMPARED_FIELDS) {
      const value = desired[field];
      if (value === undefined) continue;
      if (creatable.includes(field)) user[field] = value;
      else if (!asksForNothing(value)) this.#notes.add('field_not_creatable', desired.userName, field);
    }
    if (desired.groups !== undefined && desired.groups.length > 0 && this.#input.policy.groups !== 'ignore') {
      if (supports(capabilities, 'addToGroups')) user.groups = desired.groups;
      else this.#notes.add('field_not_creatable', desired.userName, 'groups');
    }
    return {
      id: this.#input.nextId(),
      kind: 'create',
      userName: desired.userName,
      user: user as { userName: string },
      reason: 'not_in_directory',
      line: row.line,
    };
  }

  /** What the `unmatched` policy does to an account that no desired row names. */
  #absent(user: User): PlanAction[] {
    const { policy, capabilities, desired } = this.#input;
    if (policy.unmatched === 'ignore') return [];
    if (!desired.complete) {
      this.#notes.add('incomplete_input_left_alone', user.userName);
      return [];
    }
    if (policy.unmatched === 'suspend' && user.status === 'suspended') return [];
    const kind = policy.unmatched;
    const verb = kind === 'suspend' ? 'suspendUser' : kind === 'remove' ? 'removeUser' : 'purgeUser';
    if (!supports(capabilities, verb)) {
      this.#notes.add('verb_not_supported', user.userName, verb);
      return [];
    }
    return [
      { id: this.#input.nextId(), kind, userId: user.id, userName: user.userName, reason: 'not_desired' },
    ];
  }
}

/** What a provider that does not store a field gives anyway (the field policy of `createUsers`). */
function asksForNothing(value: unknown): boolean {
  if (value === false || value === '') return true;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

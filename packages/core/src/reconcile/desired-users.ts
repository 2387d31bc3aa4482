import type { DesiredUser } from './desired-user.js';
import type { RowIssue } from './row-issue.js';

export type DesiredFormat = 'csv' | 'jsonl' | 'array';

/** A usable row of the desired input and where it came from. */
export interface DesiredRow {
  readonly line: number;
  readonly user: DesiredUser;
}

/**
 * A desired list as `readDesiredUsers` read it: the usable rows (unique by user name, compared
 * case-insensitively, and by external id), the rows it could not use, and what a plan must not
 * conclude from them.
 */
export interface DesiredUsers {
  readonly format: DesiredFormat;
  /** `sha256:<hex>` of the input: the text as given, or the validated rows of an array. */
  readonly hash: string;
  /** Data rows read (a CSV header is not a row). */
  readonly rows: number;
  readonly users: readonly DesiredRow[];
  /** The first `MAX_REPORTED_ISSUES` issues, in input order. */
  readonly issues: readonly RowIssue[];
  readonly issueCount: number;
  /**
   * Keys of rejected rows that could still be read (normalised user names, external ids): their
   * accounts are left exactly as they are, never suspended or removed for being "absent".
   */
  readonly leftAlone: {
    readonly userNames: readonly string[];
    readonly externalIds: readonly string[];
  };
  /**
   * False when the input was not read to its end (a fatal syntax error, too many rows) or a
   * rejected row had no readable user name: a plan then suspends or removes nobody for being
   * absent, since the missing row may be theirs.
   */
  readonly complete: boolean;
}

const issued = new WeakSet<DesiredUsers>();

/** Marks a result of `readDesiredUsers`, so a plan accepts it without validating it again. */
export function sealDesiredUsers(users: DesiredUsers): DesiredUsers {
  const sealed = Object.freeze(users);
  issued.add(sealed);
  return sealed;
}

export function isDesiredUsers(value: unknown): value is DesiredUsers {
  return typeof value === 'object' && value !== null && issued.has(value as DesiredUsers);
}

/**
 * What `provisionkit` exits with; scripts branch on these. `changes` only with
 * `plan --detailed-exitcode` (Terraform's convention: 0 no changes, 1 error, 2 changes).
 */
export const EXIT_CODES = {
  /** Done; or a plan without changes. */
  ok: 0,
  /** Nothing or not everything was done: bad arguments, configuration, credentials, an outage, an interrupted apply. */
  error: 1,
  /** `plan --detailed-exitcode`: the plan has changes. */
  changes: 2,
  /** Done in part: some users or actions failed, the others succeeded. */
  partial: 3,
  /** The mass-change guard holds a sync or an apply: approve it (or reject it). Nothing was written. */
  held: 4,
  /** The plan is stale: its directories changed since planning. Nothing was written: plan again. */
  stale: 5,
  /**
   * The reader of the output went away (`provisionkit users list | head`): the command stopped
   * quietly, as other Unix commands stopped by SIGPIPE do (128 + 13). An apply stopped this way is
   * finished by running it again.
   */
  outputClosed: 141,
} as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

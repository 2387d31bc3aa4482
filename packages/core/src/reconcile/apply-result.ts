import type { ErrorSummary, GuardVerdict } from '../events/provision-event.js';
import type { ActionKind } from './plan-schema.js';

/** An action that failed, for the report. */
export interface ActionFailure {
  readonly actionId: string;
  readonly kind: ActionKind;
  readonly userName: string;
  readonly error: ErrorSummary;
}

/**
 * How an apply ended: `applied` (every action done), `partial` (some failed), `held` (the
 * mass-change guard stopped it before any write), `interrupted` (aborted, or stopped by a failure
 * that is not about one user, such as `authentication` or `unavailable`: apply the same plan again
 * to finish it), `dry_run` (nothing written).
 */
export type ApplyStatus = 'applied' | 'partial' | 'held' | 'interrupted' | 'dry_run';

export interface ConnectionApplyResult {
  readonly tenant: string;
  readonly provider: string;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  /** Not sent (yet): the rest of an interrupted or held apply, or what a dry run would send. */
  readonly pending: number;
  readonly guard: GuardVerdict & { readonly hold: boolean };
}

export interface ApplyResult {
  readonly planId: string;
  readonly status: ApplyStatus;
  /** This run continued an apply of the same plan that was interrupted (a killed process included). */
  readonly resumed: boolean;
  /** The plan had been applied already: nothing was done, the result is the journal's. */
  readonly alreadyApplied: boolean;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly pending: number;
  readonly connections: readonly ConnectionApplyResult[];
  /** The first 1,000 failed actions. */
  readonly failures: readonly ActionFailure[];
  /** Why an interrupted apply stopped. */
  readonly error?: ErrorSummary;
  readonly durationMs: number;
}

export const MAX_REPORTED_FAILURES = 1000;

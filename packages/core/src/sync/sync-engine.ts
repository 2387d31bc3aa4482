import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../composition/logger.js';
import { CancelledError, InvalidInputError, UnsupportedOperationError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import type { ErrorSummary, SyncReason } from '../events/provision-event.js';
import { supports } from '../spi/capabilities.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { UserCanonicalizer } from '../state/canonical-user.js';
import { ConnectionKey, describeKey } from '../state/connection-key.js';
import type { StateStore } from '../state/state-store.js';
import { EMPTY_COUNTS, type SyncRun } from '../state/sync-run.js';
import type { SyncRunTrace } from '../telemetry/sync-run-trace.js';
import { createTelemetry, type Telemetry, TelemetryOptions } from '../telemetry/telemetry.js';
import { ChangeStager } from './change-stager.js';
import { compareAll, compareChanges, EnumerationFailure } from './compare-directory.js';
import { judgeMassChange } from './mass-change-guard.js';
import { isOwnerAlive, newOwner } from './run-owner.js';
import { type ParsedSyncOptions, SyncOptions, type SyncSettings } from './sync-options.js';
import { SyncProgressReporter } from './sync-progress.js';

/** What to sync: the connection's stable key and its directory (wrapped by core). */
export interface SyncTarget {
  readonly key: ConnectionKey;
  readonly directory: UserDirectory;
  /** The connection's secret values, scrubbed from every user before it is stored. */
  readonly secrets?: readonly string[] | undefined;
  /** Per-connection settings; a call's options override them. */
  readonly settings?: SyncSettings | undefined;
}

export interface SyncEngineOptions {
  readonly store: StateStore;
  readonly logger?: Logger | undefined;
  readonly now?: (() => Date) | undefined;
  /** How long a running run's claim lasts without renewal (renewed every third). Default 60 s. */
  readonly leaseMs?: number | undefined;
  /**
   * Where each run's span (`provisionkit.sync`) and metrics go: a kit's `kit.telemetry`, or tracer
   * and meter providers. Default: the global OpenTelemetry providers (a no-op without an SDK).
   */
  readonly telemetry?: TelemetryOptions | Telemetry | undefined;
}

/** How far before the last completed run a `changes` run looks back, for clock skew. */
export const CHANGES_OVERLAP_MS = 5 * 60 * 1000;
const DEFAULT_LEASE_MS = 60_000;

/**
 * Compares a directory with its last snapshot and records what changed. A run stages what it finds
 * in the store and commits it in one transaction only when the enumeration completed and the
 * mass-change guard allows; a failed, aborted or crashed run leaves the snapshot and the user
 * events as they were.
 */
export class SyncEngine {
  readonly #store: StateStore;
  readonly #logger: Logger | undefined;
  readonly #now: () => Date;
  readonly #leaseMs: number;
  readonly #telemetry: Telemetry;

  constructor(options: SyncEngineOptions) {
    const parsed = parseInput(EngineOptions, options, { argument: 'options' });
    this.#store = options.store;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#telemetry = createTelemetry(parsed.telemetry);
  }

  /**
   * Runs one sync and returns its record: `completed`, `held` (waiting for `approve` or `reject`)
   * or `failed` with `reason` and `error`. Throws only when no run could start: invalid options,
   * `ConflictError` while another run of the connection is running or held.
   */
  async sync(target: SyncTarget, rawOptions?: SyncOptions): Promise<SyncRun> {
    const options = parseInput(SyncOptions, rawOptions ?? {}, { argument: 'options' });
    parseInput(Target, target, { argument: 'target' });
    const key = parseInput(ConnectionKey, target.key, { argument: 'target.key' });
    const plan = await this.#plan(target.directory, key, options);
    const owner = newOwner();
    const startedAt = this.#now().toISOString();
    const started = performance.now();
    const { run, interrupted } = await this.#store.beginSyncRun({
      key,
      id: `run_${randomUUID().replaceAll('-', '')}`,
      mode: plan.mode,
      since: plan.since,
      startedAt,
      owner,
      leaseUntil: this.#leaseUntil(),
      isOwnerAlive,
    });
    for (const dead of interrupted)
      this.#logger?.warn({ runId: dead.id, key: describeKey(key) }, 'sync run interrupted');
    // Started once the run exists (a refused run has no span); a parent may come with the caller's signal.
    const trace = this.#telemetry.startSyncRun({
      provider: key.provider,
      tenant: key.tenant,
      runId: run.id,
      mode: plan.mode,
      parentSignal: options.signal,
    });
    try {
      const begun: BegunRun = { run, owner, key, started };
      const finished = await trace.run(() => this.#compareAndFinish(begun, target, plan, options, trace));
      trace.end({ status: finished.status, errorCode: errorCodeOf(finished) });
      return finished;
    } catch (error) {
      // The store failed to record the outcome: the run stays `running` until its lease ends.
      trace.end({ status: 'failed', errorCode: ProvisioningError.is(error) ? error.code : 'provider_error' });
      throw error;
    }
  }

  /** Enumerates and compares, then commits, holds or fails the run: the body of `sync`. */
  async #compareAndFinish(
    begun: BegunRun,
    target: SyncTarget,
    plan: RunPlan,
    options: ParsedSyncOptions,
    trace: SyncRunTrace,
  ): Promise<SyncRun> {
    const { run, owner, key, started } = begun;
    const controller = new AbortController();
    const signal =
      options.signal === undefined ? controller.signal : AbortSignal.any([options.signal, controller.signal]);
    // The run's own signal carries its span: the listing (and its HTTP attempts) become its children.
    trace.bind(signal);
    const renewal = setInterval(() => {
      this.#store.renewSyncLease(run.id, owner, this.#leaseUntil()).catch(() => controller.abort());
    }, this.#leaseMs / 3);
    renewal.unref();
    const stager = new ChangeStager(this.#store, key, run.id, owner);
    let base: number;
    try {
      const input = {
        store: this.#store,
        key,
        directory: target.directory,
        canonicalizer: new UserCanonicalizer(target.secrets),
        stager,
        signal,
        pageSize: options.pageSize,
        progress: new SyncProgressReporter(options.onProgress, key, plan.mode),
      };
      if (plan.mode === 'full') base = await compareAll(input);
      else await compareChanges({ ...input, since: plan.since! });
      if (signal.aborted) throw new EnumerationFailure(signal.reason);
      await stager.flush();
      base = plan.base ?? (plan.mode === 'full' ? base! : await this.#store.countSnapshotRows(key));
    } catch (error) {
      clearInterval(renewal);
      return this.#fail(run, owner, error, signal, stager, started);
    }
    clearInterval(renewal);
    const outcome = {
      counts: { ...stager.counts },
      durationMs: elapsed(started),
      finishedAt: this.#now().toISOString(),
    };
    const limit = options.massChange ?? target.settings?.massChange;
    const { verdict, hold } = judgeMassChange(limit, { ...stager.counts, base });
    const finished = hold
      ? await this.#store.holdSyncRun(run.id, owner, { ...outcome, guard: verdict })
      : await this.#store.commitSyncRun(run.id, { owner, outcome, guard: verdict });
    // What a complete enumeration found; a held run's changes are committed only if approved.
    const { created, updated, deleted } = stager.counts;
    trace.recordChanges({ created, updated, deleted });
    this.#log(finished);
    return finished;
  }

  /** Commits a held run if none of the rows it changes moved since; else `ConflictError` (`stale`). */
  async approve(runId: string): Promise<SyncRun> {
    const id = parseInput(RunId, runId, { argument: 'runId' });
    const run = await this.#store.commitSyncRun(id, { approvedAt: this.#now().toISOString() });
    this.#log(run);
    return run;
  }

  /** Discards a held run's changes; the run ends `rejected` with a `sync.failed` event. */
  async reject(runId: string): Promise<SyncRun> {
    const id = parseInput(RunId, runId, { argument: 'runId' });
    const held = await this.#store.getSyncRun(id);
    const finishedAt = this.#now().toISOString();
    const run = await this.#store.failSyncRun(id, {
      status: 'rejected',
      reason: 'rejected',
      outcome: { counts: held?.counts ?? EMPTY_COUNTS, durationMs: held?.durationMs ?? 0, finishedAt },
    });
    this.#log(run);
    return run;
  }

  async #plan(directory: UserDirectory, key: ConnectionKey, options: ParsedSyncOptions): Promise<RunPlan> {
    const canList = supports(directory.capabilities, 'listUsersChangedSince');
    if (options.mode === 'changes' && !canList) {
      throw new UnsupportedOperationError(`${directory.provider} does not declare listUsersChangedSince`, {
        provider: directory.provider,
        details: { operation: 'listUsersChangedSince' },
      });
    }
    const [lastFull] = await this.#store.listSyncRuns({ key, status: 'completed', mode: 'full', limit: 1 });
    const base = lastFull?.counts.enumerated;
    if (options.mode === 'full' || !canList) return { mode: 'full' as const, base };
    const [last] = await this.#store.listSyncRuns({ key, status: 'completed', limit: 1 });
    const since =
      options.since ??
      (last === undefined
        ? undefined
        : new Date(Date.parse(last.startedAt) - CHANGES_OVERLAP_MS).toISOString());
    if (options.mode === 'changes') {
      if (since === undefined) {
        throw new InvalidInputError(
          'Invalid options: options.since is required before a first completed run',
          [{ path: 'options.since', message: 'is required before a first completed run' }],
        );
      }
      return { mode: 'changes' as const, since, base };
    }
    const fullIsRecent =
      lastFull !== undefined && this.#now().getTime() - Date.parse(lastFull.startedAt) < options.fullEveryMs;
    return fullIsRecent && since !== undefined
      ? { mode: 'changes' as const, since, base }
      : { mode: 'full' as const, base };
  }

  async #fail(
    run: SyncRun,
    owner: string,
    error: unknown,
    signal: AbortSignal,
    stager: ChangeStager,
    started: number,
  ) {
    const cause = error instanceof EnumerationFailure ? error.reason : error;
    // A listing cancelled by its connection's close ends the run as aborted too: it is not a
    // provider failure, and like any aborted run it concludes nothing.
    const cancelled = signal.aborted || (error instanceof EnumerationFailure && CancelledError.is(cause));
    const reason: SyncReason = cancelled
      ? 'aborted'
      : error instanceof EnumerationFailure
        ? 'enumeration_failed'
        : 'store_failed';
    const failed = await this.#store.failSyncRun(run.id, {
      owner,
      status: 'failed',
      reason,
      error: signal.aborted ? undefined : summarize(cause),
      outcome: {
        counts: { ...stager.counts },
        durationMs: elapsed(started),
        finishedAt: this.#now().toISOString(),
      },
    });
    this.#log(failed);
    return failed;
  }

  #leaseUntil(): string {
    return new Date(this.#now().getTime() + this.#leaseMs).toISOString();
  }

  #log(run: SyncRun): void {
    const line = {
      runId: run.id,
      tenant: run.tenant,
      mode: run.mode,
      status: run.status,
      counts: run.counts,
      durationMs: run.durationMs,
      reason: run.reason,
    };
    if (run.status === 'completed') this.#logger?.info(line, 'sync completed');
    else this.#logger?.warn(line, `sync ${run.status}`);
  }
}

/** A run the store began, as the rest of `sync` needs it. */
interface BegunRun {
  readonly run: SyncRun;
  readonly owner: string;
  readonly key: ConnectionKey;
  /** `performance.now()` when the run began. */
  readonly started: number;
}

/** What a run does: its mode, the instant a `changes` run starts from, the guard's base size. */
interface RunPlan {
  readonly mode: 'full' | 'changes';
  readonly since?: string | undefined;
  /** Users of the last complete full enumeration, if any. */
  readonly base: number | undefined;
}

const RunId = z.string().min(1).max(200);
const isObject = (value: unknown) => typeof value === 'object' && value !== null;
const isFunction = (value: unknown) => typeof value === 'function';
const EngineOptions = z.object({
  store: z.custom<StateStore>(isObject, 'must be a StateStore'),
  logger: z.custom<Logger>(isObject, 'must be a logger').optional(),
  now: z.custom<() => Date>(isFunction, 'must be a function').optional(),
  leaseMs: z.number().int().positive().optional(),
  telemetry: TelemetryOptions.optional(),
});
const Target = z.object({
  directory: z.custom<UserDirectory>(isObject, 'must be a UserDirectory'),
  secrets: z.array(z.string()).optional(),
});

/** The span's `error.type`: the failure's code, `cancelled` for an aborted run. */
function errorCodeOf(run: SyncRun): string | undefined {
  if (run.error !== undefined) return run.error.code;
  return run.reason === 'aborted' ? 'cancelled' : undefined;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/** Code and message only: a `ProvisioningError` leaving core's middleware is already scrubbed. */
function summarize(error: unknown): ErrorSummary {
  if (ProvisioningError.is(error)) return { code: error.code, message: error.message };
  return {
    code: 'provider_error',
    message: `unexpected ${error instanceof Error ? error.name : typeof error}`,
  };
}

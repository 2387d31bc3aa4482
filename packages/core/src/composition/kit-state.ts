import { InvalidInputError, UnsupportedOperationError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import {
  type EventListQuery,
  EventListQuery as EventListQuerySchema,
  type EventPage,
} from '../events/event-query.js';
import type { DirectoryWrite } from '../middleware/directory-write.js';
import type { ApplyOptions } from '../reconcile/apply-options.js';
import { applyPlan } from '../reconcile/apply-plan.js';
import type { ApplyResult } from '../reconcile/apply-result.js';
import type { PlanInput } from '../reconcile/plan-input.js';
import { planReconcile } from '../reconcile/plan-reconcile.js';
import type { ReconcilePlan } from '../reconcile/plan-schema.js';
import { UserCanonicalizer } from '../state/canonical-user.js';
import type { ConnectionKey } from '../state/connection-key.js';
import type { UserWrite } from '../state/plan-change.js';
import type { StateStore } from '../state/state-store.js';
import type { SyncRun } from '../state/sync-run.js';
import { SyncEngine } from '../sync/sync-engine.js';
import type { SyncOptions, SyncSettings } from '../sync/sync-options.js';
import {
  type SyncChangePage,
  SyncChangeQuery,
  type SyncRunListQuery,
  SyncRunListQuery as SyncRunListQuerySchema,
  toSyncChange,
} from '../sync/sync-queries.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { Logger } from './logger.js';
import type { Connection } from './provision-kit.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the kit knows about each connection it opened, for syncs and recorded writes. */
interface ConnectionState {
  readonly key: ConnectionKey;
  readonly secrets: readonly string[];
  readonly settings: SyncSettings | undefined;
}

/**
 * The kit's state services over one `StateStore`: syncs, held-run decisions, the event log, and
 * the recording of writes made through the kit's connections. Without a store every method fails
 * with `unsupported_operation` and writes are not recorded.
 */
export class KitState {
  readonly #store: StateStore | undefined;
  readonly #engine: SyncEngine | undefined;
  readonly #retentionMs: number;
  readonly #now: () => Date;
  readonly #connections = new WeakMap<Connection, ConnectionState>();

  constructor(options: {
    store: StateStore | undefined;
    retentionDays: number;
    logger: Logger;
    /** The kit's telemetry: each sync run's span and metrics. */
    telemetry: Telemetry;
    now?: (() => Date) | undefined;
  }) {
    this.#store = options.store;
    this.#now = options.now ?? (() => new Date());
    this.#retentionMs = options.retentionDays * DAY_MS;
    this.#engine =
      options.store === undefined
        ? undefined
        : new SyncEngine({
            store: options.store,
            logger: options.logger,
            now: this.#now,
            telemetry: options.telemetry,
          });
  }

  /** The `onUserWrite` hook of a connection's directory; undefined without a store. */
  writeRecorder(
    key: ConnectionKey,
    secrets: readonly string[],
  ): ((write: DirectoryWrite) => Promise<void>) | undefined {
    const store = this.#store;
    if (store === undefined) return undefined;
    const canonicalizer = new UserCanonicalizer(secrets);
    return async (write) => {
      const writes: UserWrite[] = [];
      if (write.kind === 'upsert') {
        for (const user of write.users) writes.push({ kind: 'upsert', user: canonicalizer.store(user) });
      } else {
        // A user the log never announced needs no deletion event: the log stays self-consistent.
        const row = await store.findSnapshotRow(key, write.ref);
        if (row !== undefined) writes.push({ kind: 'delete', userId: row.userId });
      }
      if (writes.length > 0) await store.recordUserWrites(key, writes, this.#now().toISOString());
    };
  }

  register(connection: Connection, state: ConnectionState): void {
    this.#connections.set(connection, state);
  }

  /** What the kit knows about one of its connections; `invalid_input` at `path` for any other. */
  facts(connection: Connection, path: string): ConnectionState {
    const state = this.#connections.get(connection);
    if (state === undefined) {
      throw new InvalidInputError(`Invalid ${path}: not opened by this kit`, [
        { path, message: 'must be a connection opened by this kit' },
      ]);
    }
    return state;
  }

  /** Computes a reconcile plan (see `planReconcile`); needs no store. */
  plan(input: PlanInput): Promise<ReconcilePlan> {
    return planReconcile(input, (connection, path) => this.facts(connection, path), this.#now);
  }

  /** Applies a reconcile plan (see `applyPlan`); needs the store for its journal. */
  apply(plan: unknown, options: ApplyOptions): Promise<ApplyResult> {
    return applyPlan(plan, options, {
      store: this.#store,
      resolve: (connection, path) => this.facts(connection, path),
      now: this.#now,
    });
  }

  async sync(connection: Connection, options?: SyncOptions): Promise<SyncRun> {
    const engine = this.#require().engine;
    const state = this.facts(connection, 'connection');
    const run = await engine.sync(
      { key: state.key, directory: connection.directory, secrets: state.secrets, settings: state.settings },
      options,
    );
    if (run.status === 'completed') await this.pruneEvents();
    return run;
  }

  async approveSync(runId: string): Promise<SyncRun> {
    return this.#require().engine.approve(runId);
  }

  async rejectSync(runId: string): Promise<SyncRun> {
    return this.#require().engine.reject(runId);
  }

  async listSyncRuns(query: SyncRunListQuery): Promise<SyncRun[]> {
    const { store } = this.#require();
    const parsed = parseInput(SyncRunListQuerySchema, query, { argument: 'query' });
    const { tenant, provider, ...rest } = parsed;
    return store.listSyncRuns({ key: { tenant, provider }, ...rest });
  }

  async listSyncChanges(runId: string, query: SyncChangeQuery = {}): Promise<SyncChangePage> {
    const { store } = this.#require();
    const parsed = parseInput(SyncChangeQuery, query, { argument: 'query' });
    const listed = await store.listStagedChanges(runId, { after: parsed.after, limit: parsed.limit });
    const last = listed.at(-1);
    return {
      changes: listed.map(toSyncChange),
      ...(last === undefined || listed.length < parsed.limit ? {} : { next: last.index }),
    };
  }

  async listEvents(query: EventListQuery): Promise<EventPage> {
    const { store } = this.#require();
    const parsed = parseInput(EventListQuerySchema, query, { argument: 'query' });
    const events = await store.listEvents(parsed);
    return { events, next: events.at(-1)?.cursor ?? parsed.after ?? '0' };
  }

  /** Deletes events older than the retention; returns how many. */
  async pruneEvents(): Promise<number> {
    const { store } = this.#require();
    return store.pruneEvents(new Date(this.#now().getTime() - this.#retentionMs).toISOString());
  }

  #require(): { store: StateStore; engine: SyncEngine } {
    if (this.#store === undefined || this.#engine === undefined) {
      throw new UnsupportedOperationError('This kit has no state store: pass `store` to createProvisionKit', {
        details: { reason: 'no_state_store' },
      });
    }
    return { store: this.#store, engine: this.#engine };
  }
}

import {
  type Attributes,
  type Context,
  INVALID_SPAN_CONTEXT,
  context as otelContext,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { z } from 'zod';
import { argumentError } from '../errors/argument-error.js';
import { parseInput } from '../errors/from-zod.js';
import { guarded, withinOrPlain } from './guarded.js';
import { TELEMETRY_ATTRIBUTES as A, SEMCONV, SPAN_PREFIX } from './telemetry-names.js';
import type { TelemetrySource } from './telemetry-source.js';
import { carryTrace, parentContext } from './trace-carrier.js';

const Label = (max: number) => z.string().min(1).max(max);

/** What a sync run says about itself when it starts. */
export const SyncRunStart = z.object({
  provider: Label(64),
  tenant: Label(128),
  runId: Label(128).optional(),
  /** `full` or `changes`, say. */
  mode: Label(32).optional(),
  /** A signal carrying a parent (see `bindTraceContext`); default: the active context. */
  parentSignal: z.instanceof(AbortSignal).optional(),
});
export type SyncRunStart = z.input<typeof SyncRunStart>;

const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional();
/** Users a run found changed, added to the run's totals and to `provisionkit.sync.changes`. */
export const SyncChangeCounts = z.object({ created: Count, updated: Count, deleted: Count });
export type SyncChangeCounts = z.input<typeof SyncChangeCounts>;

/** How a run ended. A `failed` status or an `errorCode` marks the span as an error. */
export const SyncRunEnd = z.object({
  /** `completed`, `held`, `failed`, `rejected`, `cancelled`, ... */
  status: z.string().regex(/^[a-z][a-z_]{0,31}$/, 'must be a lower-case status such as completed'),
  errorCode: Label(64).optional(),
});
export type SyncRunEnd = z.input<typeof SyncRunEnd>;

/**
 * One sync run's span (`provisionkit.sync`, INTERNAL) and metrics. The engine binds the signal it
 * passes to the directory, so every listing and HTTP attempt of the run is a child of the run's
 * span with or without a context manager.
 */
export interface SyncRunTrace {
  /** The run span's context, to parent further spans under. */
  readonly context: Context;
  /** Operations called with `signal` become children of the run's span. Returns `signal`. */
  bind(signal: AbortSignal): AbortSignal;
  /** Runs `fn` with the run's span active (for hosts with a context manager). */
  run<T>(fn: () => T): T;
  recordChanges(changes: SyncChangeCounts): void;
  /** Ends the span and records the run's duration; later calls do nothing. */
  end(result: SyncRunEnd): void;
}

const KINDS = ['created', 'updated', 'deleted'] as const;

class SyncRunSpan implements SyncRunTrace {
  readonly context: Context;
  readonly #span: Span;
  readonly #source: TelemetrySource;
  readonly #metricAttributes: Attributes;
  readonly #startedAt = performance.now();
  readonly #totals = { created: 0, updated: 0, deleted: 0 };
  #ended = false;

  constructor(source: TelemetrySource, run: z.output<typeof SyncRunStart>) {
    this.#source = source;
    this.#metricAttributes = {
      [A.provider]: run.provider,
      ...(run.mode === undefined ? {} : { [A.syncMode]: run.mode }),
    };
    const parent = parentContext(run.parentSignal);
    const start = () =>
      source.tracer.startSpan(
        `${SPAN_PREFIX}sync`,
        {
          kind: SpanKind.INTERNAL,
          attributes: {
            ...this.#metricAttributes,
            [A.tenant]: run.tenant,
            ...(run.runId === undefined ? {} : { [A.syncRunId]: run.runId }),
          },
        },
        parent,
      );
    this.#span = guarded(start, trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
    this.context = trace.setSpan(parent, this.#span);
  }

  bind(signal: AbortSignal): AbortSignal {
    if (!(signal instanceof AbortSignal))
      throw argumentError('SyncRunTrace.bind', 'signal', 'must be an AbortSignal');
    carryTrace(signal, { context: this.context, source: this.#source });
    return signal;
  }

  run<T>(fn: () => T): T {
    if (typeof fn !== 'function') throw argumentError('SyncRunTrace.run', 'fn', 'must be a function');
    return withinOrPlain((inner) => otelContext.with(this.context, inner), fn);
  }

  recordChanges(changes: SyncChangeCounts): void {
    const counts = parseInput(SyncChangeCounts, changes, { argument: 'changes', what: 'sync changes' });
    for (const kind of KINDS) {
      const count = counts[kind] ?? 0;
      if (count === 0) continue;
      this.#totals[kind] += count;
      const attributes = { ...this.#metricAttributes, [A.changeKind]: kind };
      guarded(() => this.#source.instruments.syncChanges.add(count, attributes), undefined);
    }
  }

  end(result: SyncRunEnd): void {
    const { status, errorCode } = parseInput(SyncRunEnd, result, {
      argument: 'result',
      what: 'sync run end',
    });
    if (this.#ended) return;
    this.#ended = true;
    const outcome: Attributes = {
      [A.syncStatus]: status,
      ...(errorCode === undefined ? {} : { [SEMCONV.errorType]: errorCode }),
    };
    guarded(() => this.#record(status, errorCode, outcome), undefined);
  }

  #record(status: string, errorCode: string | undefined, outcome: Attributes): void {
    this.#span.setAttributes({
      ...outcome,
      [A.syncCreated]: this.#totals.created,
      [A.syncUpdated]: this.#totals.updated,
      [A.syncDeleted]: this.#totals.deleted,
    });
    if (status === 'failed' || errorCode !== undefined) this.#span.setStatus({ code: SpanStatusCode.ERROR });
    this.#span.end();
    const seconds = (performance.now() - this.#startedAt) / 1000;
    this.#source.instruments.syncDuration.record(seconds, { ...this.#metricAttributes, ...outcome });
  }
}

export function startSyncRun(source: TelemetrySource, start: SyncRunStart): SyncRunTrace {
  const parsed = parseInput(SyncRunStart, start, { argument: 'start', what: 'sync run start' });
  return new SyncRunSpan(source, parsed);
}

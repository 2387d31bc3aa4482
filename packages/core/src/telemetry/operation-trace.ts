import {
  type Attributes,
  type Context,
  isSpanContextValid,
  context as otelContext,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { ErrorCode } from '../errors/provisioning-error.js';
import type { Verb } from '../spi/verbs.js';
import { guarded, withinOrPlain } from './guarded.js';
import { TELEMETRY_ATTRIBUTES as A, SEMCONV, SPAN_PREFIX } from './telemetry-names.js';
import type { TelemetrySource } from './telemetry-source.js';
import { carryTrace, parentContext } from './trace-carrier.js';

/** What a wrapped directory knows for its telemetry. */
export interface TelemetryScope {
  readonly provider: string;
  /** The customer, put on spans (never on metrics: thousands of tenants would flood them). */
  readonly tenant?: string | undefined;
  readonly telemetry: TelemetrySource;
}

/** How an operation ended, as its span and metrics record it. */
export interface TracedOutcome {
  readonly outcome: 'ok' | 'error';
  readonly errorCode?: ErrorCode | undefined;
  readonly itemCount?: number | undefined;
  readonly failedItemCount?: number | undefined;
  /** `listUsers` only: the provider's stream ended (false: the caller stopped early). */
  readonly complete?: boolean | undefined;
}

/**
 * The INTERNAL span (`provisionkit.<operation>`) and metrics of one directory operation. The span
 * starts once the call's options are read (`begin`), so its parent can come from the caller's
 * signal; a call refused before that gets its span when it ends.
 */
export class OperationTrace {
  readonly #scope: TelemetryScope;
  readonly #operation: Verb;
  readonly #startedAt: number;
  #span: Span | undefined;
  #context: Context | undefined;
  #ended = false;

  constructor(scope: TelemetryScope, operation: Verb, startedAt: number) {
    this.#scope = scope;
    this.#operation = operation;
    this.#startedAt = startedAt;
  }

  /**
   * Starts the span under the caller's parent (carried by `callerSignal`, else the active context)
   * and hands it on with `operationSignal`, the signal the provider receives, so its HTTP attempts
   * become children without a context manager.
   */
  begin(callerSignal: AbortSignal | undefined, operationSignal: AbortSignal | undefined): void {
    if (this.#span !== undefined) return;
    const scope = this.#scope;
    guarded(() => {
      const parent = parentContext(callerSignal);
      const span = scope.telemetry.tracer.startSpan(
        SPAN_PREFIX + this.#operation,
        {
          kind: SpanKind.INTERNAL,
          attributes: {
            [A.provider]: scope.provider,
            [A.operation]: this.#operation,
            ...(scope.tenant === undefined ? {} : { [A.tenant]: scope.tenant }),
          },
        },
        parent,
      );
      this.#span = span;
      // No SDK (the API's no-op): there is nothing for children to find, so nothing to hand on.
      if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return;
      this.#context = trace.setSpan(parent, span);
      if (operationSignal !== undefined) {
        carryTrace(operationSignal, { context: this.#context, source: scope.telemetry });
      }
    }, undefined);
  }

  /** Runs `fn` with the operation's span active, for hosts that registered a context manager. */
  run<T>(fn: () => T): T {
    const active = this.#context;
    return active === undefined ? fn() : withinOrPlain((inner) => otelContext.with(active, inner), fn);
  }

  end(result: TracedOutcome): void {
    if (this.#ended) return;
    this.#ended = true;
    this.begin(undefined, undefined);
    guarded(() => this.#record(result), undefined);
  }

  #record(result: TracedOutcome): void {
    const outcome: Attributes = {
      [A.outcome]: result.outcome,
      ...(result.errorCode === undefined ? {} : { [SEMCONV.errorType]: result.errorCode }),
    };
    const span = this.#span;
    if (span !== undefined) {
      span.setAttributes(outcome);
      if (result.itemCount !== undefined) span.setAttribute(A.itemCount, result.itemCount);
      if (result.failedItemCount !== undefined) span.setAttribute(A.failedItemCount, result.failedItemCount);
      if (result.complete !== undefined) span.setAttribute(A.listComplete, result.complete);
      if (result.outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    const instruments = this.#scope.telemetry.instruments;
    const attributes: Attributes = {
      [A.provider]: this.#scope.provider,
      [A.operation]: this.#operation,
      ...outcome,
    };
    instruments.operationDuration.record((performance.now() - this.#startedAt) / 1000, attributes);
    if (result.itemCount !== undefined && result.itemCount > 0) {
      instruments.operationItems.add(result.itemCount, attributes);
    }
  }
}

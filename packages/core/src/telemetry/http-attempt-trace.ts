import { type Attributes, type Context, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ProvisioningError } from '../errors/provisioning-error.js';
import { guarded } from './guarded.js';
import { redactedUrl, serverAddress, serverPort } from './redacted-url.js';
import { TELEMETRY_ATTRIBUTES as A, SEMCONV } from './telemetry-names.js';
import type { TelemetrySource } from './telemetry-source.js';

export interface HttpTraceInput {
  readonly source: TelemetrySource;
  /** The operation's span (see `trace-carrier.ts`), or whatever parent the caller chose. */
  readonly parent: Context;
  readonly provider: string;
  readonly method: string;
  readonly url: URL;
  /** The path template (`/members/{id}`); undefined for an absolute URL such as a `Link` next page. */
  readonly template: string | undefined;
  /** The request's `operation` (a name for its log line), put on its spans. */
  readonly operation: string | undefined;
  /** The client's redaction, applied to everything taken from the URL. */
  readonly redactText: (text: string) => string;
  readonly clock: Clock;
}

/** The toolkit's clock (virtual in tests), so metric durations agree with the exchange's log line. */
interface Clock {
  now(): number;
}

/** How an attempt ended, as the exchange reports it. */
export interface AttemptEnd {
  readonly status: number | null;
  readonly kind: 'ok' | 'failed' | 'cancelled';
  readonly failure?: { readonly error: ProvisioningError } | undefined;
  /**
   * Time the received body waited for its reader (a page read ahead, see the request's
   * `readAfter`): not the attempt's, so left out of its span and duration.
   */
  readonly heldMs?: number | undefined;
}

const REASON = /^[a-z][a-z0-9_]{0,47}$/;

/**
 * One request's telemetry: a CLIENT span per attempt with the stable HTTP attributes, and the
 * attempt's duration, limiter wait and retry in metrics. Bodies and headers are never read here.
 * Attributes that cost a redaction are computed only for a span that records.
 */
export class HttpRequestTrace {
  readonly #input: HttpTraceInput;
  readonly #attributes: Attributes;
  #recordedAttributes: Attributes | undefined;

  constructor(input: HttpTraceInput) {
    this.#input = input;
    this.#attributes = {
      [SEMCONV.httpRequestMethod]: input.method,
      [SEMCONV.serverAddress]: serverAddress(input.url),
      [SEMCONV.serverPort]: serverPort(input.url),
      [A.provider]: input.provider,
    };
  }

  /** Called once the limiter let attempt `attempt` (1-based) go, after waiting `waitedMs`. */
  startAttempt(attempt: number, waitedMs: number): HttpAttemptTrace | undefined {
    return guarded(() => this.#start(attempt, waitedMs), undefined);
  }

  #start(attempt: number, waitedMs: number): HttpAttemptTrace {
    const { source, parent, method } = this.#input;
    const instruments = source.instruments;
    instruments.limiterWait.record(Math.max(0, waitedMs) / 1000, this.#attributes);
    if (attempt > 1) instruments.httpRetries.add(1, this.#attributes);
    // The name starts as the method alone and gets its template only when recording (it is redacted).
    const span = source.tracer.startSpan(
      method,
      { kind: SpanKind.CLIENT, attributes: this.#attributes },
      parent,
    );
    if (span.isRecording()) {
      const extra = this.#recorded();
      span.setAttributes(extra);
      const template = extra[SEMCONV.urlTemplate];
      if (typeof template === 'string') span.updateName(`${method} ${template}`);
      if (attempt > 1) span.setAttribute(SEMCONV.httpRequestResendCount, attempt - 1);
    }
    return new HttpAttemptTrace(span, this.#attributes, source, this.#input.clock);
  }

  #recorded(): Attributes {
    if (this.#recordedAttributes === undefined) {
      const { url, template, redactText, operation } = this.#input;
      this.#recordedAttributes = {
        ...(operation === undefined ? {} : { [A.httpOperation]: operation }),
        [SEMCONV.urlFull]: redactedUrl(url, redactText),
        ...(template === undefined ? {} : { [SEMCONV.urlTemplate]: redactText(template) }),
      };
    }
    return this.#recordedAttributes;
  }
}

export class HttpAttemptTrace {
  readonly #span: Span;
  readonly #attributes: Attributes;
  readonly #source: TelemetrySource;
  readonly #clock: Clock;
  readonly #startedAt: number;
  /** Wall time of the start, in ms: a span's end moved back by a wait never precedes it. */
  readonly #startedAtMs: number;

  constructor(span: Span, attributes: Attributes, source: TelemetrySource, clock: Clock) {
    this.#span = span;
    this.#attributes = attributes;
    this.#source = source;
    this.#clock = clock;
    this.#startedAt = clock.now();
    this.#startedAtMs = Date.now();
  }

  end(result: AttemptEnd): void {
    guarded(() => this.#record(result), undefined);
  }

  #record(result: AttemptEnd): void {
    const errorType = errorTypeOf(result);
    const outcome: Attributes = {
      ...(result.status === null ? {} : { [SEMCONV.httpResponseStatusCode]: result.status }),
      ...(errorType === undefined ? {} : { [SEMCONV.errorType]: errorType }),
    };
    this.#span.setAttributes(outcome);
    if (errorType !== undefined) this.#span.setStatus({ code: SpanStatusCode.ERROR });
    const heldMs = result.heldMs ?? 0;
    this.#span.end(heldMs > 0 ? Math.max(this.#startedAtMs, Date.now() - heldMs) : undefined);
    const seconds = Math.max(0, this.#clock.now() - this.#startedAt - heldMs) / 1000;
    this.#source.instruments.httpDuration.record(seconds, { ...this.#attributes, ...outcome });
  }
}

/**
 * `error.type` as the HTTP conventions define it: the status code for an answer of 400 or more;
 * otherwise a short reason (`timeout`, `network`, `redirect`, `response_too_large`), or the error
 * code a reader threw on a 2xx (an RPC API refusing in its body).
 */
function errorTypeOf(result: AttemptEnd): string | undefined {
  if (result.kind === 'ok') return undefined;
  if (result.kind === 'cancelled' || result.failure === undefined) return 'cancelled';
  if (result.status !== null && result.status >= 400) return String(result.status);
  const { error } = result.failure;
  const reason = error.details?.reason;
  return typeof reason === 'string' && REASON.test(reason) ? reason : error.code;
}

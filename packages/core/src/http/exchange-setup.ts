import type { HttpRequestTrace } from '../telemetry/http-attempt-trace.js';
import type { Clock } from './clock.js';
import type { EchoRedactor } from './echo-redactor.js';
import type { ErrorBodyParser } from './error-body.js';
import type { ErrorMapper } from './http-failure.js';
import type { AdaptiveLimiter } from './limiter/adaptive-limiter.js';
import type { RequestLabel } from './network-errors.js';
import type { ResponseReader } from './response-readers.js';
import type { HttpSender } from './senders/sender.js';

/** Everything one attempt needs; built once per request by the client. */
export interface ExchangeSetup<T> {
  readonly label: RequestLabel;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly sender: HttpSender;
  readonly limiter: AdaptiveLimiter;
  readonly clock: Clock;
  readonly redactor: EchoRedactor;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly read: ResponseReader<T>;
  /** Tried in order (the request's, then the client's); the default table comes last. */
  readonly mappers: readonly ErrorMapper[];
  readonly parseErrorBody: ErrorBodyParser;
  readonly signal: AbortSignal | undefined;
  /** See the request's `readAfter`. */
  readonly readAfter?: PromiseLike<unknown> | undefined;
  /** Spans and metrics of the request's attempts. */
  readonly trace?: HttpRequestTrace | undefined;
}

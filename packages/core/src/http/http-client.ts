import type { Logger } from '../composition/logger.js';
import { parseInput } from '../errors/from-zod.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { silentLogger } from '../logging/create-logger.js';
import { copyError } from '../redaction/scrub-error.js';
import { HttpRequestTrace } from '../telemetry/http-attempt-trace.js';
import { sourceOf } from '../telemetry/telemetry.js';
import { globalTelemetrySource, type TelemetrySource } from '../telemetry/telemetry-source.js';
import { carriedTrace, parentContext } from '../telemetry/trace-carrier.js';
import { buildUrl, checkRequest, encodeBody } from './build-request.js';
import { HttpClientOptions, type HttpClientOptionsInput } from './client-options.js';
import { type Clock, systemClock } from './clock.js';
import { EchoRedactor } from './echo-redactor.js';
import { parseJsonErrorBody } from './error-body.js';
import type { ErrorMapper } from './http-failure.js';
import { type HttpRequest, isIdempotentRequest } from './http-request.js';
import { AdaptiveLimiter } from './limiter/adaptive-limiter.js';
import type { LimiterState } from './limiter/limiter-state.js';
import { jsonReader, type ResponseReader } from './response-readers.js';
import { sendWithRetries } from './send-with-retries.js';
import { nodeHttpSender } from './senders/node-http-sender.js';
import { withDetails } from './with-details.js';

// Header names whose values are credentials, whatever the provider calls its token.
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|.*(token|secret|key))$/i;

/**
 * One connection's HTTP client: base URL, default headers, one limiter, one retry policy, one
 * redactor. Build one per connection (never share it between customers): its rate budget and its
 * secrets are that connection's. Private fields keep credentials out of any serialization of it.
 */
export class HttpClient {
  readonly provider: string;
  readonly baseUrl: URL;
  readonly #options: HttpClientOptions;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #secrets: readonly string[];
  readonly #redactor: EchoRedactor;
  readonly #limiter: AdaptiveLimiter;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #sender;
  readonly #mapper: ErrorMapper | undefined;
  readonly #telemetry: TelemetrySource | undefined;

  constructor(options: HttpClientOptionsInput) {
    const parsed = parseInput(HttpClientOptions, options, {
      argument: 'options',
      what: 'HTTP client options',
    });
    this.#options = parsed;
    this.provider = parsed.provider;
    this.baseUrl = new URL(parsed.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries(parsed.headers)) headers[name.toLowerCase()] = value;
    if (parsed.bearerToken !== undefined) headers.authorization = `Bearer ${parsed.bearerToken}`;
    this.#headers = headers;
    this.#secrets = [
      ...parsed.secrets,
      ...(parsed.bearerToken === undefined ? [] : [parsed.bearerToken]),
      ...Object.entries(headers)
        .filter(([name]) => SECRET_HEADER.test(name))
        .flatMap(([, value]) => [value, value.replace(/^(Bearer|Basic|Token)\s+/i, '')]),
    ];
    this.#redactor = new EchoRedactor(this.#secrets);
    this.#clock = parsed.clock ?? systemClock;
    this.#limiter = new AdaptiveLimiter(parsed.limits, this.#clock, parsed.provider);
    this.#logger = parsed.logger ?? silentLogger();
    this.#sender = parsed.sender ?? nodeHttpSender();
    this.#mapper = parsed.mapError;
    this.#telemetry = parsed.telemetry === undefined ? undefined : sourceOf(parsed.telemetry);
  }

  /** The limiter's current rate, in-flight count and throttled count, for logs and metrics. */
  get limiterState(): LimiterState {
    return this.#limiter.state;
  }

  /**
   * Sends `request` within the connection's limits and retry policy and returns what its reader
   * made of the answer. Every failure is a `ProvisioningError` without the client's secrets; an
   * abort of `request.signal` surfaces as the caller's cancellation.
   */
  async request<T = unknown>(request: HttpRequest<T>): Promise<T> {
    const redactor = this.#redactorFor(request);
    try {
      return await this.#send(request, redactor);
    } catch (error) {
      if (!ProvisioningError.is(error)) throw error;
      const extra = errorDetailsOf(request);
      const detailed = Object.keys(extra).length === 0 ? error : withDetails(error, extra);
      throw copyError(detailed, { secrets: redactor.secrets, provider: this.provider });
    }
  }

  async #send<T>(request: HttpRequest<T>, redactor: EchoRedactor): Promise<T> {
    const policy = checkRequest(request, this.provider, this.#options.retry);
    const { url, logPath } = buildUrl(this.baseUrl, request as HttpRequest<unknown>, this.provider);
    const encoded = encodeBody(request);
    const headers: Record<string, string> = { ...this.#headers };
    if (encoded.contentType !== undefined) headers['content-type'] = encoded.contentType;
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    const carried = carriedTrace(request.signal);
    const trace = new HttpRequestTrace({
      source: this.#telemetry ?? carried?.source ?? globalTelemetrySource(),
      parent: parentContext(request.signal, request.traceContext),
      provider: this.provider,
      method: request.method,
      operation: request.operation,
      url,
      template: /^https?:\/\//i.test(request.path) ? undefined : logPath,
      redactText: (text) => redactor.text(text),
      clock: this.#clock,
    });
    return sendWithRetries({
      exchange: {
        // Redacted once, with the connection's secrets (a request's own, such as a batch's
        // passwords, cannot be in a path the provider wrote): it is logged on every attempt.
        label: { provider: this.provider, method: request.method, path: this.#redactor.text(logPath) },
        url,
        headers,
        sender: this.#sender,
        limiter: this.#limiter,
        clock: this.#clock,
        redactor,
        timeoutMs: request.timeoutMs ?? this.#options.timeoutMs,
        maxResponseBytes: this.#options.maxResponseBytes,
        read: request.read ?? (jsonReader() as ResponseReader<T>),
        mappers: [request.mapError, this.#mapper].filter((mapper) => mapper !== undefined),
        parseErrorBody: this.#options.parseErrorBody ?? parseJsonErrorBody,
        signal: request.signal,
        readAfter: request.readAfter,
        trace,
      },
      policy,
      idempotent: isIdempotentRequest(request),
      settle: request.settle,
      encode: (body) => encodeBody(body).body,
      body: encoded.body,
      logger: this.#logger,
      operation: request.operation,
      random: this.#options.random ?? Math.random,
    });
  }

  #redactorFor(request: HttpRequest<unknown>): EchoRedactor {
    const given = typeof request === 'object' && request !== null ? request.secrets : undefined;
    const extra = Array.isArray(given) ? given.filter((item) => typeof item === 'string') : [];
    return extra.length === 0 ? this.#redactor : new EchoRedactor([...this.#secrets, ...extra]);
  }
}

/** Builds one connection's client; options are validated (`invalid_input` naming the field). */
export function createHttpClient(options: HttpClientOptionsInput): HttpClient {
  return new HttpClient(options);
}

/** The request's `errorDetails` that are plain values (it may be malformed: the request is checked later). */
function errorDetailsOf(request: unknown): Record<string, unknown> {
  const given =
    typeof request === 'object' && request !== null
      ? (request as HttpRequest<unknown>).errorDetails
      : undefined;
  if (typeof given !== 'object' || given === null) return {};
  return Object.fromEntries(
    Object.entries(given).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value)),
  );
}

import { type Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { parseRetryAfter } from '../errors/retry-after.js';
import type { AddressPolicy } from './address-policy.js';
import type { guardedLookup } from './guarded-lookup.js';
import { hostOf } from './url-policy.js';

/** What one HTTP attempt needs besides the request itself. */
export interface WebhookTransport {
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
  readonly policy: AddressPolicy;
  readonly lookup: ReturnType<typeof guardedLookup>;
  /** The whole attempt: connecting, sending, the answer's headers and the part of its body read. */
  readonly timeoutMs: number;
  /** Bytes of the answer read at most; the rest is not read (the connection is closed). */
  readonly maxResponseBytes: number;
}

/** How an attempt ended on the wire. */
export interface PostOutcome {
  readonly statusCode: number | undefined;
  /** A short, secret-free reason when no answer came: `timeout`, `ECONNREFUSED`, `forbidden_address`. */
  readonly error: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly durationMs: number;
}

/** Where a webhook goes, worked out once per endpoint: the parts `http.request` takes. */
export interface PostTarget {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number | undefined;
  readonly path: string;
  /** The `host` header: sent by the caller, as headers given as a raw list get none added. */
  readonly host: string;
}

export function postTarget(url: URL): PostTarget {
  return {
    secure: url.protocol === 'https:',
    hostname: hostOf(url),
    port: url.port === '' ? undefined : Number(url.port),
    path: `${url.pathname}${url.search}`,
    host: url.host,
  };
}

/**
 * Sends one webhook: a POST of `body` (the exact bytes signed) with `headers`, a raw list of names
 * and values (`host` and `content-length` included), which Node writes as they are instead of
 * checking and storing each one (a measurable share of a request's cost at thousands a second). Redirects are not followed (a 3xx is reported as such), the answer's body is read up
 * to `maxResponseBytes` and otherwise ignored, and a name is resolved through the guarded lookup,
 * so the address connected to is one the policy allows (an IP literal is checked by
 * `endpointTarget`, once per endpoint). Never rejects.
 */
export function postWebhook(
  transport: WebhookTransport,
  target: PostTarget,
  headers: readonly string[],
  body: Buffer,
): Promise<PostOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | undefined, error?: string, retryAfterMs?: number): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      resolve({ statusCode, error, retryAfterMs, durationMs });
    };
    const request = (target.secure ? httpsRequest : httpRequest)({
      protocol: target.secure ? 'https:' : 'http:',
      hostname: target.hostname,
      port: target.port,
      path: target.path,
      method: 'POST',
      agent: target.secure ? transport.httpsAgent : transport.httpAgent,
      lookup: transport.lookup,
      headers: headers as string[],
    });
    const timer = setTimeout(() => {
      finish(undefined, 'timeout');
      request.destroy();
    }, transport.timeoutMs);
    request.on('response', (response) => readAnswer(response, transport.maxResponseBytes, finish));
    request.on('error', (error: NodeJS.ErrnoException) => finish(undefined, errorName(error)));
    request.end(body);
  });
}

/** Reads at most `limit` bytes of the answer, then reports its status (and `Retry-After`). */
function readAnswer(
  response: IncomingMessage,
  limit: number,
  finish: (statusCode: number, error: undefined, retryAfterMs: number | undefined) => void,
): void {
  const statusCode = response.statusCode ?? 0;
  // Only a failure is retried, so only its `Retry-After` matters; reading `headers` at all makes
  // Node build the answer's header object, which a success (nearly every answer) never needs.
  const header = statusCode >= 200 && statusCode < 300 ? undefined : response.headers['retry-after'];
  const retryAfterMs = header === undefined ? undefined : retryAfterOf(header);
  const answered = () => finish(statusCode, undefined, retryAfterMs);
  let read = 0;
  response.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read <= limit) return;
    // A receiver streaming a large answer does not hold the worker: its status is all we need.
    response.destroy();
    answered();
  });
  response.on('end', answered);
  response.on('error', answered);
  response.on('close', answered);
}

function retryAfterOf(value: string | undefined): number | undefined {
  try {
    return parseRetryAfter(value);
  } catch {
    return undefined;
  }
}

/** The error's code when it is a plain one (`ECONNREFUSED`), never its message (it may name the host). */
function errorName(error: NodeJS.ErrnoException): string {
  const code = error.code;
  return typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? code : 'request_failed';
}

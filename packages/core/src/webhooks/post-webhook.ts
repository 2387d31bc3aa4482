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
  readonly statusCode?: number;
  /** A short, secret-free reason when no answer came: `timeout`, `ECONNREFUSED`, `forbidden_address`. */
  readonly error?: string;
  readonly retryAfterMs?: number;
  readonly durationMs: number;
}

/**
 * Sends one webhook: a POST of `body` (the exact bytes signed) with `headers`. Redirects are not
 * followed (a 3xx is reported as such), the answer's body is read up to `maxResponseBytes` and
 * otherwise ignored, and a name is resolved through the guarded lookup, so the address connected
 * to is one the policy allows (an IP literal is checked by `endpointTarget`, once per endpoint).
 * Never rejects.
 */
export function postWebhook(
  transport: WebhookTransport,
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
): Promise<PostOutcome> {
  const started = performance.now();
  const host = hostOf(url);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: Math.round((performance.now() - started) * 1000) / 1000 });
    };
    const secure = url.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)({
      protocol: url.protocol,
      hostname: host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      agent: secure ? transport.httpsAgent : transport.httpAgent,
      lookup: transport.lookup,
      headers: { ...headers, 'content-length': String(body.length) },
    });
    const timer = setTimeout(() => {
      finish({ error: 'timeout' });
      request.destroy();
    }, transport.timeoutMs);
    request.on('response', (response) => readAnswer(response, transport.maxResponseBytes, finish));
    request.on('error', (error: NodeJS.ErrnoException) => finish({ error: errorName(error) }));
    request.end(body);
  });
}

/** Reads at most `limit` bytes of the answer, then reports its status (and `Retry-After`). */
function readAnswer(
  response: IncomingMessage,
  limit: number,
  finish: (outcome: Omit<PostOutcome, 'durationMs'>) => void,
): void {
  const statusCode = response.statusCode ?? 0;
  const retryAfterMs = retryAfterOf(response.headers['retry-after']);
  const answered = () => finish({ statusCode, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
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

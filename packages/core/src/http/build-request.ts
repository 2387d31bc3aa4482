import { z } from 'zod';
import { InvalidInputError } from '../errors/error-classes.js';
import { parseInput } from '../errors/from-zod.js';
import { isContext } from '../telemetry/trace-carrier.js';
import { HeaderRecord } from './header-record.js';
import type { HttpRequest, QueryValue, RequestBody } from './http-request.js';
import { isPlainRequest } from './request-fast-check.js';
import { RetryPolicy } from './retry-policy.js';

const fn = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'must be a function',
);
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const RequestShape = z
  .strictObject({
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
    path: z.string().min(1).max(8192),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    query: z.record(z.string(), z.union([Scalar, z.null(), z.array(Scalar)]).optional()).optional(),
    headers: HeaderRecord.optional(),
    json: z.unknown().optional(),
    form: z.record(z.string(), z.string()).optional(),
    body: z.union([z.string(), z.instanceof(Uint8Array)]).optional(),
    read: fn.optional(),
    idempotent: z.boolean().optional(),
    settle: fn.optional(),
    mapError: fn.optional(),
    retry: z.record(z.string(), z.unknown()).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
    // A batch may carry a password per item.
    secrets: z.array(z.string()).max(10_000).optional(),
    operation: z.string().min(1).max(64).optional(),
    errorDetails: z
      .record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()]))
      .optional(),
    signal: z.instanceof(AbortSignal).optional(),
    readAfter: z
      .custom<PromiseLike<unknown>>(
        (value) => typeof (value as { then?: unknown } | null)?.then === 'function',
        'must be a promise',
      )
      .optional(),
    traceContext: z.custom(isContext, 'must be an OpenTelemetry Context').optional(),
  })
  .refine(
    (request) => [request.json, request.form, request.body].filter((part) => part !== undefined).length <= 1,
    'give at most one of json, form and body',
  );

/** Checks a request's shape (typed `invalid_input`, never a TypeError) and merges its retry override. */
export function checkRequest(request: unknown, provider: string, policy: RetryPolicy): RetryPolicy {
  if (isPlainRequest(request)) return policy;
  const checked = parseInput(RequestShape, request, { argument: 'request', provider, what: 'HTTP request' });
  if (checked.retry === undefined) return policy;
  return parseInput(
    RetryPolicy,
    { ...policy, ...checked.retry },
    { argument: 'request.retry', provider, what: 'retry override' },
  );
}

/** The request's URL on the client's origin, and the path to log (its template, never values). */
export function buildUrl(
  base: URL,
  request: HttpRequest<unknown>,
  provider: string,
): { url: URL; logPath: string } {
  if (/^https?:\/\//i.test(request.path)) {
    const url = new URL(request.path);
    if (url.origin !== base.origin) throw badPath('must be on the origin of the base URL', provider);
    appendQuery(url, request.query);
    return { url, logPath: url.pathname };
  }
  if (!request.path.startsWith('/')) throw badPath('must start with / or be an absolute URL', provider);
  const filled = request.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = request.params?.[name];
    if (value === undefined) throw badPath(`has no value for {${name}} in params`, provider);
    const text = String(value);
    if (text === '' || text === '.' || text === '..')
      throw badPath(`param ${name} must not be empty, . or ..`, provider);
    return encodeURIComponent(text);
  });
  const url = new URL(`${base.href.replace(/\/+$/, '')}${filled}`);
  if (url.origin !== base.origin) throw badPath('must stay on the origin of the base URL', provider);
  appendQuery(url, request.query);
  return { url, logPath: request.path.replace(/\?.*$/, '') };
}

/** The body as sent, and the content type that goes with it. */
export function encodeBody(request: RequestBody): { body?: string | Uint8Array; contentType?: string } {
  if (request.json !== undefined)
    return { body: JSON.stringify(request.json), contentType: 'application/json' };
  if (request.form !== undefined) {
    return {
      body: new URLSearchParams(request.form as Record<string, string>).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  return request.body === undefined ? {} : { body: request.body };
}

function appendQuery(url: URL, query: Readonly<Record<string, QueryValue>> | undefined): void {
  if (query === undefined) return;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) url.searchParams.append(key, String(item));
  }
}

function badPath(message: string, provider: string): InvalidInputError {
  return new InvalidInputError(
    `Invalid HTTP request: request.path: ${message}`,
    [{ path: 'request.path', message }],
    {
      provider,
    },
  );
}

import { z } from 'zod';
import type { Logger } from '../composition/logger.js';
import { TelemetryOptions } from '../telemetry/telemetry.js';
import type { Clock } from './clock.js';
import type { ErrorBodyParser } from './error-body.js';
import { HeaderRecord } from './header-record.js';
import type { ErrorMapper } from './http-failure.js';
import { LimiterSettings } from './limiter/limiter-settings.js';
import { RetryPolicy } from './retry-policy.js';
import type { HttpSender } from './senders/sender.js';

/** Default cap on a response body: well above a large page (1,000 users is about 1 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const fn = <T>() => z.custom<T>((value) => typeof value === 'function', 'must be a function');
const LoggerLike = z.custom<Logger>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Logger).info === 'function' &&
    typeof (value as Logger).warn === 'function',
  'must be a pino logger',
);
const ClockLike = z.custom<Clock>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['now', 'date', 'sleep'].every((key) => typeof (value as Record<string, unknown>)[key] === 'function'),
  'must have now(), date() and sleep()',
);

/**
 * Options of one connection's HTTP client. Secrets (`bearerToken`, `secrets`, and the values of
 * `authorization`-like headers) are removed, in every echo form, from what the client logs and
 * from the errors it throws.
 */
export const HttpClientOptions = z
  .strictObject({
    /** Provider id, named in errors and logs (`'acmehr'`). */
    provider: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a lower-case provider id'),
    /** Every request goes to this origin; paths are appended to its path. */
    baseUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
    /** Plain `http:` is refused except towards this machine, unless this is true. */
    allowInsecureHttp: z.boolean().default(false),
    headers: HeaderRecord.default({}),
    /** Sent as `authorization: Bearer <token>` and treated as a secret. */
    bearerToken: z.string().min(1).max(16_384).optional(),
    /** Further values never to log or put in errors (a password sent in bodies, say). */
    secrets: z.array(z.string()).max(100).default([]),
    timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(DEFAULT_MAX_RESPONSE_BYTES),
    retry: RetryPolicy.prefault({}),
    limits: LimiterSettings.prefault({}),
    logger: LoggerLike.optional(),
    sender: fn<HttpSender>().optional(),
    mapError: fn<ErrorMapper>().optional(),
    parseErrorBody: fn<ErrorBodyParser>().optional(),
    clock: ClockLike.optional(),
    random: fn<() => number>().optional(),
    /** Tracer and meter providers; default: those of the operation a request belongs to, else global. */
    telemetry: TelemetryOptions.optional(),
  })
  .superRefine((options, context) => {
    if (!URL.canParse(options.baseUrl)) return;
    const url = new URL(options.baseUrl);
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      context.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: 'must not have a query, fragment or credentials',
      });
    }
    if (url.protocol === 'http:' && !options.allowInsecureHttp && !isLoopback(url.hostname)) {
      context.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: 'http: is only allowed for loopback hosts; use https:',
      });
    }
  });
export type HttpClientOptions = z.output<typeof HttpClientOptions>;
export type HttpClientOptionsInput = z.input<typeof HttpClientOptions>;

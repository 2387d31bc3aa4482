import { parseInput, secret } from '@provisionkit/core';
import { RetryPolicy } from '@provisionkit/core/http';
import { z } from 'zod';

export const DEFAULT_BASE_URL = 'https://lastpass.com/enterpriseapi.php';

/** Largest page / batch we send. LastPass publishes no maximum; known clients stay at or under 2000. */
export const MAX_PAGE_SIZE = 2000;
export const MAX_BATCH_SIZE = 2000;

/**
 * Plain `http:` is only allowed towards this machine (simulator, local proxy): the provisioning hash
 * travels in the request body, so any other cleartext target would expose it on the network.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

// The refinement also runs when the URL check already failed (zod keeps collecting issues), so it
// must not assume a parseable URL.
const BaseUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).refine((value) => {
  if (!URL.canParse(value)) return true;
  const url = new URL(value);
  return url.protocol !== 'http:' || isLoopbackHost(url.hostname);
}, 'http: is only allowed for loopback hosts (127.0.0.0/8, localhost, ::1); use https:');

const Cid = z
  .union([
    z.number().int().positive(),
    z
      .string()
      .trim()
      .regex(/^[1-9]\d*$/, 'must be a positive integer'),
  ])
  .transform((value) => Number(value))
  .refine((value) => Number.isSafeInteger(value), 'must be a positive integer');

/**
 * A connection's request budget. LastPass publishes no global rate limit, so by default the rate
 * adapts (core's AIMD limiter): requests start as fast as `maxConcurrent` allows and slow down when
 * LastPass answers 429 or 503 or sends `Retry-After`, then speed up again while it stops.
 */
export const LastPassLimits = z.object({
  /** Requests in flight at once, per connection. */
  maxConcurrent: z.number().int().min(1).max(64).default(4),
  /**
   * The host's cap on requests started per second, per connection (fractions allowed: 0.5 = one
   * every 2 s). None by default: the adaptive rate never goes above it when set.
   */
  requestsPerSecond: z.number().positive().max(10_000).optional(),
  /** `false` keeps exactly `requestsPerSecond` (or no rate limit at all), whatever LastPass answers. */
  adaptive: z.boolean().default(true),
});
export type LastPassLimits = z.output<typeof LastPassLimits>;

/** Connection settings of one LastPass company (one customer). Reused by the provider's plugin config. */
export const LastPassClientConfig = z.object({
  baseUrl: BaseUrl.default(DEFAULT_BASE_URL),
  /** Company id ("account number"); LastPass accepts number or numeric string, we send a number. */
  cid: Cid,
  /** Provisioning hash ("API secret"). Never logged, never copied into errors. */
  provhash: secret(z.string().min(1, 'must not be empty')),
  /** Free-text caller label LastPass shows in its event report. */
  apiUser: z.string().trim().min(1).max(256).optional(),
  timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  /**
   * Most bytes read from one answer. A page of 2,000 users is about 1 MB, a full `reporting` page
   * about 2 MB; past the limit the exchange is aborted and fails (`provider_error`,
   * `response_too_large`), so an endless or huge body costs at most this much memory.
   */
  maxResponseBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(32 * 1024 * 1024),
  retry: RetryPolicy.prefault({}),
  limits: LastPassLimits.prefault({}),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(1000),
  batchSize: z.number().int().min(1).max(MAX_BATCH_SIZE).default(500),
});
export type LastPassClientConfig = z.output<typeof LastPassClientConfig>;
export type LastPassClientConfigInput = z.input<typeof LastPassClientConfig>;

/** Validates raw settings; failures are `InvalidInputError` naming the field (`config.baseUrl`). */
export function parseLastPassClientConfig(input: unknown): LastPassClientConfig {
  return parseInput(LastPassClientConfig, input, {
    argument: 'config',
    provider: 'lastpass',
    what: 'LastPass connection settings',
  });
}

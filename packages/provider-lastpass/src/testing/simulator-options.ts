import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { SimulatorThrottle } from './request-throttle.js';
import { parseOrThrow } from './simulator-error.js';
import { isValidTimeZone } from './timestamps.js';

/**
 * Wire behaviours the reference marks uncertain ([U]) or that vary between accounts. Defaults encode
 * the reference's best evidence; the § numbers point into the LastPass wire reference.
 */
export interface SimulatorQuirks {
  /** §4.1/§7.6: an empty `Users` result is PHP's empty array `[]` ('array') or `{}` ('object'). */
  readonly emptyUsersAs: 'array' | 'object';
  /** §4.1/§7.7: `Groups` is left out of `getuserdata` when there is no group to show. */
  readonly omitEmptyGroups: boolean;
  /** §4.1 [U]: `Groups`/`invited` describe only the returned page ('page') or the whole company. */
  readonly groupsScope: 'page' | 'company';
  /**
   * §4.1 [U]: `getuserdata` answers carry the `invited` list (`[]` when nobody is invited), as two
   * clients read it ('listed'), or never, as in every recorded answer ('omitted'); then only
   * `neverloggedin` tells a pending invitation.
   */
  readonly invitedList: 'listed' | 'omitted';
  /**
   * [U] How a `getuserdata` `username` filter matches: ignoring letter case as clients assume
   * ('case-insensitive'), or only the exact stored spelling ('exact'). Commands that change a user
   * still find it in any case.
   */
  readonly userNameLookup: 'case-insensitive' | 'exact';
  /** §7.8: `mpstrength`/`totalscore` as JSON strings (`"100"`) rather than numbers. */
  readonly numbersAsStrings: boolean;
  /** §4.2 [U]: `batchadd` on an existing username warns and skips it, or updates it silently. */
  readonly batchaddExisting: 'conflict-warn' | 'upsert';
  /** §4.2 [U]: group names unknown to the company are created by `batchadd`/`batchchangegrp`. */
  readonly autoCreateGroups: boolean;
  /** §6 [U]: larger `pagesize` values are capped to this. */
  readonly maxPageSize: number;
  /** §4.1 [U]: a `pageindex` past the last page answers an empty page or an `error` object. */
  readonly pastLastPage: 'empty' | 'error';
  /** §3/§9 [U]: what an unknown `cmd` answers. 'fail-json' is invented: `{"status":"FAIL","error":...}`. */
  readonly unknownCommand: 'fail-json' | 'empty-body' | 'auth-error';
  /** §4.1/§4.11: IANA zone of every `YYYY-MM-DD HH:MM:SS` timestamp (reporting is US/Eastern). */
  readonly timezone: string;
  /** §4.11 [U]: JSON type of the `reporting` `next` cursor (epoch microseconds either way). */
  readonly reportingNextAs: 'string' | 'number';
  /** §4.11: events per `reporting` call. */
  readonly reportingMaxEvents: number;
  /** §4.12 (invented rule): a master password older than this many days counts as expired. */
  readonly masterPasswordMaxAgeDays: number;
  /** Added to every answer, to make a real network's latency visible in tests. */
  readonly latencyMs: number;
}

export interface SimulatorSeedOptions {
  /** Realistic users to create at start (deterministic for a given `random`). */
  readonly users?: number;
  /** Group names to spread the seeded users over (defaults to a department list). */
  readonly groups?: readonly string[];
  /** Seed of the PRNG behind seeding and rate-based faults. */
  readonly random?: number;
}

export interface LastPassSimulatorOptions {
  /** Loopback only ('127.0.0.1' by default); anything else is refused. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Company id; default a random 7-digit number. */
  readonly cid?: number;
  /** Provisioning hash; default 64 random lowercase hex characters. */
  readonly provhash?: string;
  readonly seed?: SimulatorSeedOptions;
  readonly quirks?: Partial<SimulatorQuirks>;
  /** Request bodies above this size answer 413 (default 20 MiB). */
  readonly maxBodyBytes?: number;
  /** Source of "now" in epoch ms, so timestamps and reporting windows are testable. */
  readonly clock?: () => number;
  /**
   * An account rate limit: at most `requestsPerSecond` requests accepted in any second, the others
   * answered HTTP 429 (with `Retry-After: retryAfterSeconds` when set) before anything runs.
   */
  readonly throttle?: SimulatorThrottle;
}

export interface ResolvedSimulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly cid: number;
  readonly provhash: string;
  readonly seed: {
    readonly users: number;
    readonly groups: readonly string[] | undefined;
    readonly random: number;
  };
  readonly quirks: SimulatorQuirks;
  readonly maxBodyBytes: number;
  readonly clock: () => number;
  readonly throttle: SimulatorThrottle | undefined;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

const QuirksSchema = z.strictObject({
  emptyUsersAs: z.enum(['array', 'object']).default('array'),
  omitEmptyGroups: z.boolean().default(true),
  groupsScope: z.enum(['page', 'company']).default('page'),
  invitedList: z.enum(['listed', 'omitted']).default('listed'),
  userNameLookup: z.enum(['case-insensitive', 'exact']).default('case-insensitive'),
  numbersAsStrings: z.boolean().default(true),
  batchaddExisting: z.enum(['conflict-warn', 'upsert']).default('conflict-warn'),
  autoCreateGroups: z.boolean().default(true),
  maxPageSize: z.int().min(1).default(2000),
  pastLastPage: z.enum(['empty', 'error']).default('empty'),
  unknownCommand: z.enum(['fail-json', 'empty-body', 'auth-error']).default('fail-json'),
  timezone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default('America/New_York'),
  reportingNextAs: z.enum(['string', 'number']).default('string'),
  reportingMaxEvents: z.int().min(1).default(10_000),
  masterPasswordMaxAgeDays: z.number().positive().default(365),
  latencyMs: z.number().min(0).default(0),
});

const OptionsSchema = z.strictObject({
  host: z.string().refine(isLoopbackHost, 'must be a loopback address').default('127.0.0.1'),
  port: z.int().min(0).max(65_535).default(0),
  cid: z.int().positive().optional(),
  provhash: z
    .string()
    .regex(/^\S{8,}$/, 'at least 8 non-space characters')
    .optional(),
  seed: z
    .strictObject({
      users: z.int().min(0).default(0),
      groups: z.array(z.string().min(1)).optional(),
      random: z.int().default(1),
    })
    .default({ users: 0, random: 1 }),
  quirks: QuirksSchema.default(QuirksSchema.parse({})),
  maxBodyBytes: z
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  clock: z.custom<() => number>((value) => typeof value === 'function', 'must be a function').optional(),
  throttle: z
    .strictObject({
      requestsPerSecond: z.int().min(1).max(1_000_000),
      retryAfterSeconds: z.int().min(0).max(3600).optional(),
    })
    .optional(),
});

export function resolveSimulatorOptions(options: LastPassSimulatorOptions = {}): ResolvedSimulatorOptions {
  const { cid, provhash, clock, seed, throttle, ...rest } = parseOrThrow(OptionsSchema, options, '');
  return {
    ...rest,
    throttle,
    seed: { users: seed.users, groups: seed.groups, random: seed.random },
    cid: cid ?? randomInt(1_000_000, 10_000_000),
    provhash: provhash ?? randomBytes(32).toString('hex'),
    clock: clock ?? Date.now,
  };
}

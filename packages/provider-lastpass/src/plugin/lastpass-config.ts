import { parseInput } from '@provisionkit/core';
import { z } from 'zod';
import { LastPassClientConfig, PROVIDER_ID } from '../client/index.js';
import { isValidTimeZone } from '../directory/wall-time.js';

/**
 * Connection config of the LastPass provider: the wire client's settings (`provhash` marked secret
 * there) plus how to read LastPass timestamps. Strict, so a mistyped key fails instead of vanishing.
 */
export const LastPassConfig = z.strictObject({
  ...LastPassClientConfig.shape,
  /**
   * IANA zone of `getuserdata` timestamps (`created`, `last_login`). LastPass does not state it
   * [U]; `reporting` uses US/Eastern, so `America/New_York` is a likely value for many accounts.
   */
  timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone name').default('UTC'),
  /**
   * IANA zone of `reporting` event times, from which `LastPassApi.reporting` derives each event's
   * `at` instant. The reference reads them as US/Eastern [C]; configurable in case an account differs.
   */
  reportingTimeZone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone name')
    .default('America/New_York'),
  /**
   * User ids remembered per connection to resolve `{ id }` refs without paging (about 100 bytes
   * each). Beyond it the oldest are forgotten; a forgotten id costs a listing to resolve.
   */
  idCacheSize: z.number().int().min(0).max(1_000_000).default(10_000),
  /**
   * Most distinct users one listing may bring. A server that keeps inventing users (or pages) fails
   * the listing with `provider_error` once past it, instead of running until memory runs out. Each
   * listed id is kept until the listing ends (about 50 bytes each) to refuse repeated pages.
   */
  maxListedUsers: z.number().int().min(1).max(100_000_000).default(1_000_000),
  /**
   * [U] How LastPass matches a `getuserdata` `username` lookup. `auto` finds out at the first lookup
   * that finds nobody (two requests, once per connection); `exact` makes every such miss a listing
   * of the company; `case-insensitive` believes misses at once.
   */
  userNameMatching: z.enum(['auto', 'case-insensitive', 'exact']).default('auto'),
});
/** Config as a host writes it. */
export type LastPassConfigInput = z.input<typeof LastPassConfig>;
/** Config after validation (what `ConnectionConfig` holds in a LastPass connection). */
export type LastPassConfig = z.output<typeof LastPassConfig>;

/** Validates raw settings outside `connect()`; failures are `InvalidInputError` naming `config.<field>`. */
export function parseLastPassConfig(input: unknown): LastPassConfig {
  return parseInput(LastPassConfig, input, {
    argument: 'config',
    provider: PROVIDER_ID,
    what: 'LastPass connection config',
  });
}

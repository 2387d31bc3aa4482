import type { SettleContext } from '@provisionkit/core/http';
import type { LastPassSuccess } from './interpret-response.js';

/** Options of typed read and idempotent-write commands. */
export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  /**
   * The answer is received but read (parsed, checked) only once this settles: core's `readAfter`.
   * A listing passes each page's `wanted`, so pages requested ahead wait as bytes.
   */
  readonly readAfter?: PromiseLike<unknown> | undefined;
}

/**
 * What a write's `settle` hook found LastPass holds after an ambiguous failure: `applied` ends the
 * call with `value`; `not_applied` allows a resend, of `resendData` (the command's `data`, such as
 * the users of a batch not created yet) when given; `unknown` ends it with the write's error.
 */
export type LastPassSettlement =
  | { readonly status: 'applied'; readonly value: LastPassSuccess }
  | { readonly status: 'not_applied'; readonly resendData?: unknown }
  | { readonly status: 'unknown' };

/** Options of non-idempotent writes: without `readBack` or `settle`, an ambiguous failure is not resent. */
export interface WriteOptions extends RequestOptions {
  /** True when the earlier, ambiguous attempt did take effect (checked before any resend). */
  readonly readBack?: (() => Promise<boolean>) | undefined;
  /**
   * Reads what LastPass holds after an ambiguous failure (core's settle hook, with the command's
   * data as the resend). It runs again when a resend is refused: a held first attempt delivered
   * late makes the resend a duplicate.
   */
  readonly settle?: ((context: SettleContext) => Promise<LastPassSettlement>) | undefined;
}

/** Options of the untyped `call(cmd, data, options)`. */
export interface CallOptions extends WriteOptions {
  /** Overrides the command catalogue: may a request whose fate is unknown be sent again? */
  readonly idempotent?: boolean | undefined;
  /** Read `not_found` on a resend after an ambiguous failure as "the first attempt applied". */
  readonly notFoundMeansApplied?: boolean | undefined;
}

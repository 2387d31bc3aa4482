/** Options of typed read and idempotent-write commands. */
export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
}

/** Options of non-idempotent writes: without `readBack`, an ambiguous failure is not resent. */
export interface WriteOptions extends RequestOptions {
  /** True when the earlier, ambiguous attempt did take effect (checked before any resend). */
  readonly readBack?: (() => Promise<boolean>) | undefined;
}

/** Options of the untyped `call(cmd, data, options)`. */
export interface CallOptions extends WriteOptions {
  /** Overrides the command catalogue: may a request whose fate is unknown be sent again? */
  readonly idempotent?: boolean | undefined;
  /** Read `not_found` on a resend after an ambiguous failure as "the first attempt applied". */
  readonly notFoundMeansApplied?: boolean | undefined;
}

import { type CredentialStatus, ERROR_CODES, type NewUser, UserName, Verb } from '@provisionkit/core';
import { z } from 'zod';

export interface FailNextOptions {
  /** Only calls of these verbs match. Default: every verb. */
  readonly verbs?: readonly Verb[] | undefined;
  /** Error message. Default: `Injected fault: <code> on <verb>`. */
  readonly message?: string | undefined;
  /** With `rate_limited`: the wait the `RateLimitedError` reports. */
  readonly retryAfterMs?: number | undefined;
  /** Listings only (`listUsers`, `listUsersChangedSince`): fire when that page (1-based) is fetched. */
  readonly onPage?: number | undefined;
}

export interface LatencyOptions {
  /** Only calls of these verbs are delayed. Default: every verb. */
  readonly verbs?: readonly Verb[] | undefined;
}

/** Picks batch items: user names (case-insensitive) or a predicate over the parsed item. */
export type BatchItemSelector = readonly string[] | ((item: NewUser, index: number) => boolean);

export interface FailBatchItemsOptions {
  readonly message?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  /** How many item failures the rule produces before it is used up. Default: unlimited (until `reset()`). */
  readonly times?: number | undefined;
}

/** A credential problem the directory reports from `verifyCredentials()` and raises from every other verb. */
export type CredentialFault = Exclude<CredentialStatus, 'valid'>;

const verbs = z.array(Verb).min(1).optional();
const message = z.string().min(1).optional();
const retryAfterMs = z.number().int().nonnegative().optional();

export const Count = z.number().int().positive();
export const Milliseconds = z.number().int().nonnegative();
export const Code = z.enum(ERROR_CODES);

export const FailNextOptionsSchema = z
  .strictObject({ verbs, message, retryAfterMs, onPage: z.number().int().positive().optional() })
  .refine(
    (options) =>
      options.onPage === undefined ||
      (options.verbs ?? ['listUsers']).some(
        (verb) => verb === 'listUsers' || verb === 'listUsersChangedSince',
      ),
    {
      message: 'onPage only applies to listings',
      path: ['onPage'],
    },
  );

export const RateLimitOptionsSchema = z.strictObject({ verbs });
export const LatencyOptionsSchema = z.strictObject({ verbs });

export const BatchItemSelectorSchema = z.union([
  z.array(UserName).min(1),
  z.custom<(item: NewUser, index: number) => boolean>(
    (value) => typeof value === 'function',
    'must be a list of user names or a predicate',
  ),
]);

export const FailBatchItemsOptionsSchema = z.strictObject({
  message,
  retryAfterMs,
  times: z.number().int().positive().optional(),
});

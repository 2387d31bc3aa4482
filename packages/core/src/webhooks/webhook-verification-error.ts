import { InvalidInputError } from '../errors/error-classes.js';

/** Why `verifyWebhook` refused a request. */
export type WebhookRejection =
  /** `webhook-id`, `webhook-timestamp` or `webhook-signature` is missing or given twice. */
  | 'missing_header'
  /** `webhook-timestamp` is not whole seconds since the epoch. */
  | 'invalid_timestamp'
  /** Older than the tolerance: possibly a replay. */
  | 'timestamp_too_old'
  /** Further in the future than the tolerance. */
  | 'timestamp_too_new'
  /** No `v1` signature matches any of the secrets: forged, altered, or signed over other bytes. */
  | 'no_matching_signature'
  /** Authentic, but not an event this version of provisionkit reads, or its id differs from `webhook-id`. */
  | 'invalid_payload';

/**
 * A webhook request that must not be trusted (answer it with 400 or 401). `code` is
 * `invalid_input`, `reason` (also `details.reason`) says why. The message never quotes the secret,
 * the signature or the body.
 */
export class WebhookVerificationError extends InvalidInputError {
  readonly reason: WebhookRejection;

  constructor(reason: WebhookRejection, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message, [{ path: 'webhook', message: reason }], { details: { ...details, reason } });
    this.reason = reason;
  }
}

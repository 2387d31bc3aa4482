import {
  CancelledError,
  ProviderError,
  type ProvisioningError,
  RateLimitedError,
  UnavailableError,
} from '@provisionkit/core';
import { IncomingWebhookHTTPError } from '@slack/webhook';

const PROVIDER = 'slack';

/**
 * Slack's answer as a `ProvisioningError`: 429 is `rate_limited` (with `Retry-After`), 5xx and
 * network failures `unavailable`, anything else (`404 no_service`: the webhook was removed; `403`)
 * `provider_error`, not retried. The cause is not kept and the message never quotes the URL or
 * the body: an incoming webhook URL is a credential.
 */
export function slackError(
  error: unknown,
  retryAfterMs: number | undefined,
  signal: AbortSignal,
): ProvisioningError {
  if (signal.aborted) return new CancelledError('The alert was not sent: cancelled', { provider: PROVIDER });
  if (error instanceof IncomingWebhookHTTPError) {
    const status = error.statusCode;
    if (status === 429)
      return new RateLimitedError('Slack rate-limited the webhook (429)', {
        provider: PROVIDER,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        details: { status },
      });
    if (status >= 500)
      return new UnavailableError(`Slack answered ${status}`, {
        provider: PROVIDER,
        retryable: true,
        details: { status },
      });
    return new ProviderError(`Slack refused the message (${status})`, {
      provider: PROVIDER,
      retryable: false,
      details: { status },
    });
  }
  return new UnavailableError('Slack could not be reached', { provider: PROVIDER, retryable: true });
}

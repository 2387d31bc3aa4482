import type { ProvisioningError } from '../errors/provisioning-error.js';
import type { ErrorBody } from './error-body.js';
import type { ResponseHeaders } from './senders/sender.js';

/** A non-2xx answer, as an error mapper sees it. */
export interface HttpFailure {
  readonly provider: string;
  readonly method: string;
  /** The request's path template (`/agents/{id}`), never its values or query. */
  readonly path: string;
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** The first 64 KiB of the body, as sent: may echo secrets, so never copy it into an error. */
  readonly bodyText: string;
  /** `bodyText` redacted (every echo form of the client's secrets) and cut to 200 characters. */
  readonly excerpt: string;
  /** What the error-body parser found, message already redacted and shortened. */
  readonly errorBody: ErrorBody | undefined;
  /** `Retry-After` in milliseconds (at most an hour); undefined when absent or unreadable. */
  readonly retryAfterMs: number | undefined;
}

/**
 * Turns a non-2xx answer into an error. Return `undefined` to fall back to the next mapper (the
 * client's, then the default table). The client removes its secrets from whatever is returned.
 */
export type ErrorMapper = (failure: HttpFailure) => ProvisioningError | undefined;

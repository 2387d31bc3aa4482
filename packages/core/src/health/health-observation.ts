import type { ErrorCode } from '../errors/provisioning-error.js';
import type { CredentialCheck, CredentialStatus } from '../spi/credential-check.js';
import type { Verb } from '../spi/verbs.js';

/** Something that says whether a connection works: a credential check, or an operation's outcome. */
export type HealthObservation =
  | { readonly kind: 'check'; readonly at: string; readonly check: CredentialCheck }
  | {
      readonly kind: 'operation';
      readonly at: string;
      readonly operation: Verb;
      readonly outcome: 'ok' | 'error';
      readonly errorCode?: ErrorCode | undefined;
    }
  /** The host turns the connection's health checks off or on again. */
  | { readonly kind: 'checks'; readonly at: string; readonly enabled: boolean };

/** What an observation means for the connection's health. */
export type HealthVerdict =
  | { readonly kind: 'success' }
  | { readonly kind: 'ignore' }
  | {
      readonly kind: 'failure';
      readonly code: ErrorCode;
      /** Refused credentials: no need to wait for more failures to call the connection unhealthy. */
      readonly definitive: boolean;
      readonly credentials?: CredentialStatus | undefined;
    };

/**
 * Error codes that say the connection does not work (its credentials, the provider, the network).
 * The others are about the call (`invalid_input`, `unsupported_operation`, `cancelled`: ignored)
 * or answers from a working provider (`not_found`, `conflict`: a success for health).
 */
export const CONNECTION_FAILURE_CODES: readonly ErrorCode[] = Object.freeze([
  'authentication',
  'permission_denied',
  'unavailable',
  'rate_limited',
  'provider_error',
]);

const ANSWERED: ReadonlySet<ErrorCode> = new Set(['not_found', 'conflict']);

const CREDENTIALS_BY_CODE: Partial<Record<ErrorCode, CredentialStatus>> = {
  authentication: 'invalid',
  permission_denied: 'insufficient_permissions',
};

const CODE_BY_STATUS: Record<Exclude<CredentialStatus, 'valid'>, ErrorCode> = {
  invalid: 'authentication',
  expired: 'authentication',
  insufficient_permissions: 'permission_denied',
  unreachable: 'unavailable',
};

export function judge(observation: HealthObservation): HealthVerdict {
  if (observation.kind === 'checks') return { kind: 'ignore' };
  if (observation.kind === 'check') {
    const status = observation.check.status;
    if (status === 'valid') return { kind: 'success' };
    return {
      kind: 'failure',
      code: CODE_BY_STATUS[status],
      definitive: status !== 'unreachable',
      credentials: status,
    };
  }
  // A check's outcome is recorded as a check (with its status), never as an operation as well.
  if (observation.operation === 'verifyCredentials') return { kind: 'ignore' };
  if (observation.outcome === 'ok') return { kind: 'success' };
  const code = observation.errorCode ?? 'provider_error';
  if (ANSWERED.has(code)) return { kind: 'success' };
  if (!CONNECTION_FAILURE_CODES.includes(code)) return { kind: 'ignore' };
  const credentials = CREDENTIALS_BY_CODE[code];
  return { kind: 'failure', code, definitive: credentials !== undefined, credentials };
}

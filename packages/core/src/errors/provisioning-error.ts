/** Stable, machine-readable error codes. Tests and callers branch on these, never on message text. */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'authentication',
  'permission_denied',
  'rate_limited',
  'unavailable',
  'unsupported_operation',
  'provider_error',
  'cancelled',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

// A global-registry symbol, so `is()` recognises errors thrown by another installed copy of core
// (two versions in one dependency tree), where `instanceof` would fail.
const BRAND = Symbol.for('@provisionkit/core/ProvisioningError');

export interface ProvisioningErrorOptions {
  /** Provider id (`'lastpass'`, `'mock'`) that produced the error, when one did. */
  readonly provider?: string | undefined;
  /** Whether repeating the same call later may succeed. Defaults per subclass. */
  readonly retryable?: boolean | undefined;
  /** The underlying error. Kept for debugging; never serialized whole (it may hold secrets). */
  readonly cause?: unknown;
  /** Small, already-redacted structured context (field names, counts, a short body excerpt). */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** Serialized shape of every provisioning error (what `JSON.stringify(error)` produces). */
export interface SerializedProvisioningError {
  readonly name: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly provider?: string;
  readonly retryable: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

type ProvisioningErrorClass = abstract new (...args: never[]) => ProvisioningError;

/** Base of every error a user of provisionkit can meet. */
export class ProvisioningError extends Error {
  /** The code instances of this class carry; subclasses override it. */
  static readonly code: ErrorCode = 'provider_error';
  static readonly retryableByDefault: boolean = false;

  readonly code: ErrorCode;
  readonly provider: string | undefined;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, options: ProvisioningErrorOptions = {}) {
    const checked = readErrorOptions(options);
    super(readMessage(message), checked.cause === undefined ? undefined : { cause: checked.cause });
    const ctor = new.target as unknown as typeof ProvisioningError;
    this.name = new.target.name;
    this.code = ctor.code;
    this.provider = checked.provider;
    this.retryable = checked.retryable ?? ctor.retryableByDefault;
    this.details = checked.details;
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /**
   * True when `value` is a provisioning error of this class's code, also across copies of core:
   * `ProvisioningError.is(e)` accepts any code, `NotFoundError.is(e)` only `not_found`.
   */
  static is<T extends ProvisioningErrorClass>(this: T, value: unknown): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false;
    if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
    const self = this as unknown as typeof ProvisioningError;
    return self === ProvisioningError || (value as ProvisioningError).code === self.code;
  }

  toJSON(): SerializedProvisioningError {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.provider === undefined ? {} : { provider: this.provider }),
      retryable: this.retryable,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/**
 * The options as the constructor uses them. An error is built while something already went wrong,
 * so a wrong argument must not throw a `TypeError` instead: a field of the wrong type is left out.
 */
export function readErrorOptions(options: unknown): ProvisioningErrorOptions {
  if (typeof options !== 'object' || options === null) return {};
  const { provider, retryable, cause, details } = options as Record<string, unknown>;
  return {
    provider: typeof provider === 'string' ? provider : undefined,
    retryable: typeof retryable === 'boolean' ? retryable : undefined,
    cause,
    details:
      typeof details === 'object' && details !== null && !Array.isArray(details)
        ? (details as Readonly<Record<string, unknown>>)
        : undefined,
  };
}

function readMessage(message: unknown): string {
  if (typeof message === 'string') return message;
  try {
    return String(message);
  } catch {
    return 'Provisioning error';
  }
}

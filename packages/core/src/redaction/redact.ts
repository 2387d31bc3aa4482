import { argumentError, requireArray } from '../errors/argument-error.js';
import { isSecretField, REDACTED } from '../model/sensitivity.js';
import { normalizeSecrets, replaceSecrets } from './redact-text.js';

export interface RedactOptions {
  /** Literal secret values (API keys, hashes, passwords) to cut out of every string. */
  readonly secrets?: readonly string[] | undefined;
}

/** Log objects are shallow in practice; anything deeper is more likely a runaway graph than data. */
const MAX_DEPTH = 12;
const CIRCULAR = '[Circular]';
const TRUNCATED = '[Truncated]';
const BINARY = '[Binary]';

/**
 * Deep copy of `value` that is safe to log or serialize: values of secret fields (per
 * `FIELD_SENSITIVITY`, case-insensitive, any depth) become `[REDACTED]`, literal `secrets` are cut out
 * of every string, errors shrink to `{ name, code?, message, cause? }` (no stack; the cause chain
 * copied the same way),
 * cycles become `[Circular]` and nesting deeper than 12 levels becomes `[Truncated]`.
 */
export function redact(value: unknown, options: RedactOptions = {}): unknown {
  if (typeof options !== 'object' || options === null)
    throw argumentError('redact', 'options', 'must be an object');
  const secrets =
    options.secrets === undefined ? [] : requireArray('redact', 'options.secrets', options.secrets);
  const walker = new Walker(normalizeSecrets(secrets));
  return walker.copy(value, 0);
}

class Walker {
  // Ancestors tell a cycle from a value shared by two siblings, which is not one.
  private readonly ancestors = new Set<object>();
  // A shared value is copied once and its copy reused: walking every path of a graph whose objects
  // are shared many times over (a DAG) would take time exponential in its depth.
  private readonly copies = new Map<object, unknown>();

  constructor(private readonly secrets: readonly string[]) {}

  copy(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return replaceSecrets(value, this.secrets);
    if (typeof value === 'function') return undefined;
    if (typeof value !== 'object' || value === null) return value;
    if (this.copies.has(value)) return this.copies.get(value);
    if (depth >= MAX_DEPTH) return TRUNCATED;
    if (this.ancestors.has(value)) return CIRCULAR;
    this.ancestors.add(value);
    try {
      const copied = this.copyObject(value, depth + 1);
      this.copies.set(value, copied);
      return copied;
    } finally {
      this.ancestors.delete(value);
    }
  }

  private copyObject(value: object, depth: number): unknown {
    if (value instanceof Error) return this.copyError(value, depth);
    if (value instanceof Date) return new Date(value.getTime());
    if (Array.isArray(value)) return value.map((item) => this.copy(item, depth));
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return BINARY;
    if (value instanceof Map) return [...value].map((entry) => this.copy(entry, depth));
    if (value instanceof Set) return [...value].map((item) => this.copy(item, depth));
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !isPlainObject(value)) {
      return this.copy(toJSON.call(value), depth);
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safeKey = replaceSecrets(key, this.secrets);
      result[safeKey] = isSecretField(key) && item !== undefined ? REDACTED : this.copy(item, depth);
    }
    return result;
  }

  /**
   * `{ name, code?, message, cause? }`: the stack is left out (it repeats the message and may quote
   * anything), the cause chain is kept, each cause copied the same way (a plain value as a redacted
   * copy), so a log line says why, not only what.
   */
  private copyError(error: Error, depth: number): Record<string, unknown> {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause;
    return {
      name: replaceSecrets(String(error.name), this.secrets),
      ...(typeof code === 'string' ? { code: replaceSecrets(code, this.secrets) } : {}),
      ...(typeof code === 'number' ? { code } : {}),
      message: replaceSecrets(String(error.message), this.secrets),
      ...(cause === undefined ? {} : { cause: this.copy(cause, depth) }),
    };
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

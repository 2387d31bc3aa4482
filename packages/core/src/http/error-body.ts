import type { ResponseHeaders } from './senders/sender.js';

/** What an error answer's body says, in the provider's own words. */
export interface ErrorBody {
  /** The provider's machine-readable code (`login_taken`), when it gave one. */
  readonly code?: string | undefined;
  /** The provider's message. May echo input: the client redacts and shortens it before use. */
  readonly message?: string | undefined;
}

/** Reads an error answer's body; `undefined` when it has nothing useful. Must not throw. */
export type ErrorBodyParser = (text: string, headers: ResponseHeaders) => ErrorBody | undefined;

const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * The common JSON error shapes: `{ error: "code", message }`, `{ error: { code, message } }`,
 * `{ code, message }`, OAuth's `error_description`, RFC 9457 problem details (`title`, `detail`)
 * and `{ errors: [{ code, message }] }`. Anything else, or no JSON, gives `undefined`.
 */
export const parseJsonErrorBody: ErrorBodyParser = (text) => {
  const body = parseObject(text);
  if (body === undefined) return undefined;
  const nested = isObject(body.error) ? body.error : Array.isArray(body.errors) ? body.errors[0] : undefined;
  const inner = isObject(nested) ? nested : {};
  const code = firstString(inner.code, body.code, typeof body.error === 'string' ? body.error : undefined);
  const message = firstString(
    inner.message,
    body.message,
    body.error_description,
    body.detail,
    body.title,
    inner.detail,
  );
  if (code === undefined && message === undefined) return undefined;
  return {
    ...(code !== undefined && CODE.test(code) ? { code } : {}),
    ...(message === undefined ? {} : { message }),
  };
};

function parseObject(text: string): Record<string, unknown> | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

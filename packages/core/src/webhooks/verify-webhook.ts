import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { argumentError } from '../errors/argument-error.js';
import { parseInput } from '../errors/from-zod.js';
import { ProvisionEvent } from '../events/provision-event.js';
import { webhookSecretKey } from './webhook-secret.js';
import { webhookSignature } from './webhook-signature.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Headers as Node (`req.headers`), fetch (`Headers`) or a plain object of any case give them. */
export type WebhookRequestHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export const VerifyWebhookOptions = z
  .strictObject({
    /** How far `webhook-timestamp` may be from now, either way. Default 300 (Standard Webhooks). */
    toleranceSeconds: z.number().int().nonnegative().max(86_400).optional(),
    /** The receiver's clock; default `Date.now()`. */
    now: z.union([z.date(), z.number().finite()]).optional(),
  })
  .optional();
export type VerifyWebhookOptions = NonNullable<z.input<typeof VerifyWebhookOptions>>;

export interface VerifiedWebhook {
  /** `webhook-id`: the event id, the same on every retry. Deduplicate on it. */
  readonly id: string;
  /** `webhook-timestamp`: when this attempt was signed. */
  readonly timestamp: Date;
  /** The event, as `listEvents` returns it. */
  readonly event: ProvisionEvent;
}

const DEFAULT_TOLERANCE_SECONDS = 300;
const MAX_ID_LENGTH = 256;
const MAX_SIGNATURE_HEADER = 4096;
const TIMESTAMP = /^\d{1,15}$/;
const Secrets = z.union([z.string(), z.array(z.string()).min(1).max(10)]);

/**
 * Verifies a Standard Webhooks request on the receiving side and returns its event. Pass the
 * **raw body** exactly as received (a `Buffer` or string read before any JSON parsing): the
 * signature covers those bytes, and a parsed and re-serialised body does not match it.
 *
 * `secret` is the endpoint's `whsec_...` secret, or several (while a rotation overlaps, either
 * matches). Checks, in order: the three headers, the timestamp within `toleranceSeconds` of now
 * (replays), a `v1` signature matching a secret (compared in constant time; several signatures in
 * the header are all tried), and that the body is an event whose `id` is `webhook-id`. Fails with
 * `WebhookVerificationError` (`invalid_input`, `reason` says why), or `InvalidInputError` for wrong
 * arguments (a parsed object instead of the raw body, a malformed secret).
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookRequestHeaders,
  secret: string | readonly string[],
  options?: VerifyWebhookOptions,
): VerifiedWebhook {
  const body = rawBytes(rawBody);
  const keys = secretKeys(secret);
  const parsed = parseInput(VerifyWebhookOptions, options, { argument: 'options' }) ?? {};
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatureHeader = header(headers, 'webhook-signature');
  if (id.length > MAX_ID_LENGTH) throw rejected('missing_header', 'webhook-id is too long');
  const timestamp = checkTimestamp(timestampText, parsed);
  if (!matchesAny(signatureHeader, keys, id, timestamp, body)) {
    throw rejected('no_matching_signature', 'No webhook signature matches the secret');
  }
  return { id, timestamp: new Date(timestamp * 1000), event: readEvent(body, id) };
}

function rawBytes(value: unknown): Uint8Array {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return value;
  throw argumentError(
    'verifyWebhook',
    'rawBody',
    'must be the raw request body (a Buffer or string read before JSON parsing)',
  );
}

function secretKeys(secret: unknown): Buffer[] {
  const list = parseInput(Secrets, secret, { argument: 'secret' });
  return (typeof list === 'string' ? [list] : list).map((item, index) =>
    webhookSecretKey(item, typeof list === 'string' ? 'secret' : `secret.${index}`),
  );
}

function header(headers: unknown, name: string): string {
  let value: unknown;
  if (typeof (headers as { get?: unknown } | null)?.get === 'function') {
    value = (headers as { get(name: string): unknown }).get(name);
  } else if (typeof headers === 'object' && headers !== null) {
    const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
    value = entry?.[1];
  } else {
    throw argumentError('verifyWebhook', 'headers', 'must be the request headers');
  }
  // Node joins repeated headers into an array; a repeated id or timestamp is ambiguous.
  if (Array.isArray(value)) value = value.length === 1 ? value[0] : undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw rejected('missing_header', `${name} is missing`, { header: name });
  }
  return value;
}

function checkTimestamp(text: string, options: z.output<typeof VerifyWebhookOptions> & object): number {
  if (!TIMESTAMP.test(text))
    throw rejected('invalid_timestamp', 'webhook-timestamp is not a number of seconds');
  const timestamp = Number(text);
  const now = options.now === undefined ? Date.now() : Number(options.now);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor(now / 1000);
  if (timestamp < nowSeconds - tolerance) throw rejected('timestamp_too_old', 'webhook-timestamp is too old');
  if (timestamp > nowSeconds + tolerance)
    throw rejected('timestamp_too_new', 'webhook-timestamp is in the future');
  return timestamp;
}

function matchesAny(
  signatureHeader: string,
  keys: readonly Buffer[],
  id: string,
  timestamp: number,
  body: Uint8Array,
): boolean {
  if (signatureHeader.length > MAX_SIGNATURE_HEADER) return false;
  const expected = keys.map((key) => webhookSignature(key, id, timestamp, body));
  let matched = false;
  for (const entry of signatureHeader.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    // Every candidate is compared (no early exit), each in constant time.
    for (const signature of expected) {
      if (given.length === signature.length && timingSafeEqual(given, signature)) matched = true;
    }
  }
  return matched;
}

function readEvent(body: Uint8Array, id: string): ProvisionEvent {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    throw rejected('invalid_payload', 'The webhook body is not JSON');
  }
  const event = ProvisionEvent.safeParse(json);
  if (!event.success)
    throw rejected('invalid_payload', 'The webhook body is not an event this version reads');
  if (event.data.id !== id) throw rejected('invalid_payload', 'The event id differs from webhook-id');
  return event.data;
}

function rejected(
  reason: ConstructorParameters<typeof WebhookVerificationError>[0],
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): WebhookVerificationError {
  return new WebhookVerificationError(reason, `Webhook rejected: ${message}`, details);
}

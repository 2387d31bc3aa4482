import { randomBytes } from 'node:crypto';
import { InvalidInputError } from '../errors/error-classes.js';

/** Standard Webhooks' prefix of a signing secret; the rest is the base64 of the key. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Standard Webhooks: keys of 24 to 64 bytes.
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

/** A new endpoint secret: `whsec_` + the base64 of 32 random bytes (Standard Webhooks). */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The HMAC key a secret stands for: the base64 after `whsec_` (the prefix may be left out, as the
 * reference libraries allow). A malformed secret fails with `invalid_input` naming `argument`; the
 * message never quotes it.
 */
export function webhookSecretKey(secret: unknown, argument = 'secret'): Buffer {
  if (typeof secret !== 'string') throw badSecret(argument, 'must be a string');
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  if (encoded.length > 200 || !BASE64.test(encoded)) {
    throw badSecret(argument, 'must be whsec_ followed by base64');
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    throw badSecret(argument, `must hold ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes`);
  }
  return key;
}

function badSecret(path: string, message: string): InvalidInputError {
  return new InvalidInputError(`Invalid webhook secret: ${path} ${message}`, [{ path, message }]);
}

import { createHmac, type KeyObject } from 'node:crypto';

/** Standard Webhooks' headers, as sent: one value each. */
export type WebhookHeaderValues = {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
};

/** HMAC-SHA256 of `id.timestamp.body` under `key`: the bytes a `v1` signature encodes. */
export function webhookSignature(
  key: Buffer | KeyObject,
  id: string,
  timestamp: number,
  body: Uint8Array,
): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/**
 * The `webhook-signature` value: one `v1,<base64>` per key, space separated (two while a rotated
 * secret overlaps its successor). `body` must be the exact bytes sent.
 */
export function webhookSignatures(
  keys: readonly (Buffer | KeyObject)[],
  id: string,
  timestamp: number,
  body: Uint8Array,
): string {
  let value = '';
  for (const key of keys) {
    const signature = `v1,${webhookSignature(key, id, timestamp, body).toString('base64')}`;
    value = value === '' ? signature : `${value} ${signature}`;
  }
  return value;
}

/** The three headers of one attempt (see `webhookSignatures`). */
export function webhookHeaders(
  keys: readonly (Buffer | KeyObject)[],
  id: string,
  timestamp: number,
  body: Uint8Array,
): WebhookHeaderValues {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': webhookSignatures(keys, id, timestamp, body),
  };
}

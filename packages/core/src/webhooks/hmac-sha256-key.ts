import { hash } from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;

/**
 * An HMAC-SHA256 key prepared once for many messages (RFC 2104: the key padded to the hash's block
 * and masked for the inner and the outer hash), each message then signed by two one-shot
 * `crypto.hash` calls. `createHmac` per message sets up a new OpenSSL context every time: for the
 * dispatcher, which signs every delivery, that measured about 4 µs more per webhook (some 5% of
 * its CPU). Gives exactly `createHmac('sha256', key)`'s bytes (tested against it).
 */
export class HmacSha256Key {
  readonly #innerPad: Buffer;
  /** The outer pad with room for the inner digest: filled and hashed per message. */
  readonly #outer: Buffer;

  constructor(key: Uint8Array) {
    const raw = key.length > BLOCK ? hash('sha256', key, 'buffer') : key;
    this.#innerPad = Buffer.alloc(BLOCK, 0x36);
    this.#outer = Buffer.alloc(BLOCK + DIGEST, 0x5c);
    for (let index = 0; index < raw.length; index += 1) {
      this.#innerPad[index]! ^= raw[index]!;
      this.#outer[index]! ^= raw[index]!;
    }
  }

  /** HMAC-SHA256 of `prefix` (UTF-8: Standard Webhooks' `id.timestamp.`) then `body`, in base64. */
  sign(prefix: string, body: Uint8Array): string {
    const prefixBytes = Buffer.byteLength(prefix);
    const message = Buffer.allocUnsafe(BLOCK + prefixBytes + body.length);
    this.#innerPad.copy(message, 0);
    message.write(prefix, BLOCK, 'utf8');
    message.set(body, BLOCK + prefixBytes);
    // Signing is synchronous, so one outer buffer per key serves every message.
    hash('sha256', message, 'buffer').copy(this.#outer, BLOCK);
    return hash('sha256', this.#outer, 'base64');
  }
}

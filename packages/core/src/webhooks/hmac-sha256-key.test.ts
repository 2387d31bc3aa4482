import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSha256Key } from './hmac-sha256-key.js';

const reference = (key: Uint8Array, prefix: string, body: Uint8Array) =>
  createHmac('sha256', key).update(prefix).update(body).digest('base64');

describe('HmacSha256Key', () => {
  describe('.sign', () => {
    it("gives createHmac's signature for any key, prefix and body, key after key and message after message", () => {
      fc.assert(
        fc.property(
          // Keys shorter than, as long as and longer than SHA-256's 64-byte block (hashed first).
          fc
            .integer({ min: 1, max: 100 })
            .chain((length) => fc.uint8Array({ minLength: length, maxLength: length })),
          fc.array(
            fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.uint8Array({ maxLength: 300 })),
            {
              minLength: 1,
              maxLength: 4,
            },
          ),
          (key, messages) => {
            const prepared = new HmacSha256Key(key);
            for (const [prefix, body] of messages) {
              expect(prepared.sign(prefix, body)).toBe(reference(key, prefix, body));
            }
          },
        ),
      );
    });

    it('keeps two keys apart when used in turn', () => {
      const first = new HmacSha256Key(Buffer.alloc(32, 1));
      const second = new HmacSha256Key(Buffer.alloc(32, 2));
      const body = Buffer.from('{"id":"evt_1"}');
      expect([first.sign('evt_1.1.', body), second.sign('evt_1.1.', body)]).toEqual([
        reference(Buffer.alloc(32, 1), 'evt_1.1.', body),
        reference(Buffer.alloc(32, 2), 'evt_1.1.', body),
      ]);
    });
  });
});

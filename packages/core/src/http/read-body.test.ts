import { describe, expect, it } from 'vitest';
import { BodyInterrupted, decodeUtf8, ResponseTooLarge, readBody, readPrefix } from './read-body.js';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

describe('readBody', () => {
  it('joins chunks, with or without a declared length, and tolerates a length that lies low', async () => {
    expect(decodeUtf8(await readBody(chunks('ab', 'cd'), 100, null))).toBe('abcd');
    expect(decodeUtf8(await readBody(chunks('ab', 'cd'), 100, '4'))).toBe('abcd');
    expect(decodeUtf8(await readBody(chunks('ab', 'cd', 'ef'), 100, '3'))).toBe('abcdef');
    expect(decodeUtf8(await readBody(null, 100, null))).toBe('');
  });

  it('fails past the cap and stops reading the stream there', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new Uint8Array(10);
      }
    }
    await expect(readBody(endless(), 95, null)).rejects.toBeInstanceOf(ResponseTooLarge);
    expect(pulled).toBe(10);
    await expect(readBody(endless(), 95, '1000')).rejects.toBeInstanceOf(ResponseTooLarge);
  });

  it('marks a stream that breaks off', async () => {
    async function* broken() {
      yield new Uint8Array(1);
      throw new Error('socket hang up');
    }
    await expect(readBody(broken(), 100, null)).rejects.toBeInstanceOf(BodyInterrupted);
  });
});

describe('readPrefix', () => {
  it('keeps only the first bytes', async () => {
    expect(decodeUtf8(await readPrefix(chunks('abc', 'def', 'ghi'), 5))).toBe('abcde');
  });
});

describe('decodeUtf8', () => {
  it('drops a byte-order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
  });
});

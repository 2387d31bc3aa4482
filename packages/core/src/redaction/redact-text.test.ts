import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../model/sensitivity.js';
import { MIN_FRAGMENT_LENGTH, normalizeSecrets, redactText } from './redact-text.js';

/**
 * Canary secrets with the characters encodings change: `+ / = & %`, a space, quotes. At least 16
 * long, so that half of one is a fragment the rule covers (8 characters, a third of the secret).
 */
const secretArb = fc
  .array(fc.constantFrom(...'abcdefXYZ0123456789+/=&% "\\'.split('')), { minLength: 16, maxLength: 64 })
  .map((chars) => chars.join(''))
  .filter((secret) => /[+/=&%]/.test(secret));
const contextArb = fc.string({ maxLength: 20 }).map((text) => text.replace(/[^a-z ]/g, ''));

const ECHOES: Record<string, (secret: string) => string> = {
  whole: (s) => s,
  percent: (s) => encodeURIComponent(s),
  'percent, lower-case hex': (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  form: (s) => new URLSearchParams({ p: s }).toString().slice(2),
  json: (s) => JSON.stringify(s),
  'json, PHP slashes': (s) => JSON.stringify(s).replaceAll('/', '\\/'),
  base64: (s) => Buffer.from(s).toString('base64'),
  'base64 url-safe': (s) => Buffer.from(s).toString('base64url'),
  'base64 of user:secret': (s) => `Basic ${Buffer.from(`admin:${s}`).toString('base64')}`,
  'base64 of x:secret': (s) => Buffer.from(`xy:${s}`).toString('base64'),
  'first half, cut at the end': (s) => `${s.slice(0, Math.ceil(s.length / 2))}…`,
  'last half, cut at the start': (s) => `…${s.slice(Math.floor(s.length / 2))}`,
  'shortest fragment of the percent form': (s) => {
    const percent = encodeURIComponent(s);
    return percent.slice(0, Math.max(MIN_FRAGMENT_LENGTH, Math.ceil(percent.length / 3)));
  },
};

/** No window of `min(MIN, a third)` characters of `payload` may survive in `output`. */
function survivingWindow(output: string, payload: string): string | undefined {
  const size = Math.max(MIN_FRAGMENT_LENGTH, Math.ceil(payload.length / 3));
  for (let start = 0; start + size <= payload.length; start += 1) {
    const window = payload.slice(start, start + size);
    if (output.includes(window)) return window;
  }
  return undefined;
}

describe('redactText', () => {
  it.each(Object.keys(ECHOES))('removes a secret echoed %s, wherever it sits in the text', (name) => {
    const echo = ECHOES[name]!;
    fc.assert(
      fc.property(secretArb, contextArb, contextArb, (secret, before, after) => {
        const payload = echo(secret);
        const output = redactText(`${before}${payload}${after}`, [secret]);
        expect(output).toContain(REDACTED);
        const inner = name.startsWith('base64 of')
          ? Buffer.from(secret).toString('base64').slice(4, -4)
          : payload;
        expect(survivingWindow(output, inner)).toBeUndefined();
        expect(output).not.toContain(secret.slice(0, Math.ceil(secret.length / 2)));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps text without a secret intact', () => {
    fc.assert(
      fc.property(secretArb, fc.string({ maxLength: 200 }), (secret, text) => {
        fc.pre(!text.includes(secret.slice(0, MIN_FRAGMENT_LENGTH)));
        const output = redactText(text, [secret]);
        if (!output.includes(REDACTED)) expect(output).toBe(text);
      }),
    );
  });

  it('leaves a fragment shorter than the minimum (8, and a third of the secret) alone', () => {
    const secret = 'f3a9c1e7b5d20486f3a9c1e7b5d20486'; // 32 characters: a fragment must have 11
    expect(redactText(`id ${secret.slice(0, 10)} ok`, [secret])).toBe(`id ${secret.slice(0, 10)} ok`);
    expect(redactText(`id ${secret.slice(0, 11)} ok`, [secret])).toBe(`id ${REDACTED} ok`);
    expect(redactText('tail 1e7b5d20486f3a9c1', [secret])).toBe(`tail ${REDACTED}`);
  });

  it('replaces a fragment in the middle of a longer word whole, up to where it stops matching', () => {
    const secret = 'Zq8+Wv/3=Kp&Lm%Rt';
    expect(redactText(`excerpt: ...xxZq8+Wv/3=K`, [secret])).toBe(`excerpt: ...xx${REDACTED}`);
  });
});

describe('normalizeSecrets', () => {
  it('returns a list it made before as it is', () => {
    const normalized = normalizeSecrets(['secret-one', 'secret-two']);
    expect(normalizeSecrets(normalized)).toBe(normalized);
  });
});

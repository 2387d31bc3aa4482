import { describe, expect, it } from 'vitest';
import { EXCERPT_MAX_CHARS, redactedExcerpt, redactText } from './redact.js';

const HEX = 'ab'.repeat(32);

describe('redact', () => {
  describe('redactText', () => {
    it('hides the configured secret wherever it appears', () => {
      expect(redactText('x my-secret-value y my-secret-value', ['my-secret-value'])).toBe(
        'x [REDACTED] y [REDACTED]',
      );
    });

    it('hides anything shaped like a provisioning hash', () => {
      expect(redactText(`hash ${HEX} end`)).toBe('hash [REDACTED] end');
    });

    it('hides values of secret keys in JSON and form echoes', () => {
      const text = '{"cid":1,"provhash":"short1","password":"Pw!"} provhash=abc&cmd=x';
      const out = redactText(text);
      expect(out).not.toMatch(/short1|Pw!|abc&/);
      expect(out).toContain('"cid":1');
    });
  });

  describe('redactedExcerpt', () => {
    it('redacts before truncating, so a secret cut at the edge does not leak a prefix', () => {
      const text = `${'x'.repeat(EXCERPT_MAX_CHARS - 10)}${HEX}`;
      const excerpt = redactedExcerpt(text);
      expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
      expect(excerpt).not.toContain('abab');
    });

    it('collapses whitespace to one line', () => {
      expect(redactedExcerpt('<html>\n  <body>oops</body>\n</html>')).toBe(
        '<html> <body>oops</body> </html>',
      );
    });
  });

  describe('redactText (echoes)', () => {
    const HASH = 'Ab+Cd/Ef=Gh&Ij+0123456789abcdefXYZ';
    it('hides a secret URL-encoded, form-encoded, JSON- or HTML-escaped', () => {
      const forms = [
        encodeURIComponent(HASH),
        encodeURIComponent(HASH).toLowerCase(),
        new URLSearchParams({ provhash: HASH }).toString(),
        JSON.stringify(HASH).replace(/\//g, '\\/'),
        HASH.replace(/&/g, '&amp;'),
      ];
      for (const form of forms) expect(redactText(`echo: ${form} end`, [HASH])).not.toMatch(/Ab|0123456789/);
    });

    it('hides a quarter of a secret or more, wherever the echo cut it', () => {
      const secret = 'Q7x!'.repeat(16);
      for (const [from, to] of [
        [0, 16],
        [20, 52],
        [48, 64],
      ]) {
        const part = secret.slice(from, to);
        expect(redactText(`quoted ${part}.`, [secret])).toBe('quoted [REDACTED].');
      }
      expect(redactText(`short ${secret.slice(0, 12)} stays`, [secret])).toContain(secret.slice(0, 12));
    });

    it('hides half a hex hash even when it is not a known secret', () => {
      expect(redactText(`hash ${HEX.slice(0, 32)}!`)).toBe('hash [REDACTED]!');
      expect(redactText('id 0123456789abcdef0123456789abcde')).toContain('0123456789abcdef');
    });

    it('hides a quoted secret value whole, spaces included, also URL-encoded', () => {
      expect(redactText('{"password":"correct horse battery"}')).toBe('{"password":"[REDACTED]"}');
      expect(redactText('data=%7B%22password%22%3A%22correct%20horse%22%7D')).not.toContain('horse');
    });
  });

  describe('redactedExcerpt (cut edges)', () => {
    it('never shows the start of a secret cut at the end of the text it could read', () => {
      const secret = 'S3cr3t-'.repeat(10);
      const text = `${' \n'.repeat(40_000)}${'y'.repeat(90)}${secret}${'z'.repeat(70_000)}`;
      expect(redactedExcerpt(text, [secret])).not.toContain('S3cr');
      const cut = `${'x'.repeat(100)}${secret.slice(0, 30)}`;
      expect(redactedExcerpt(cut, [secret])).not.toMatch(/S3cr3t-S/);
    });
  });
});

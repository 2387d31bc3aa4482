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
});

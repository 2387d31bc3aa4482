import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EchoRedactor } from './echo-redactor.js';

const SECRET = 'sk_live+/=&<canary>9f8e7d6c5b4a3210';

describe('EchoRedactor', () => {
  describe('.text', () => {
    it('removes a secret echoed as sent, URL-encoded, JSON-escaped or base64', () => {
      const redactor = new EchoRedactor([SECRET]);
      const forms = [
        SECRET,
        encodeURIComponent(SECRET),
        JSON.stringify(SECRET).slice(1, -1),
        Buffer.from(SECRET).toString('base64'),
      ];
      for (const form of forms) {
        const text = redactor.text(`before ${form} after`);
        expect(text).toContain('[REDACTED]');
        expect(text).not.toContain(form.replace(/=+$/, '').slice(0, 12));
      }
    });

    it('removes values of secret-named fields it was not told about', () => {
      const redactor = new EchoRedactor([]);
      expect(redactor.text('{"password":"hunter22","name":"x"}')).toBe(
        '{"password":"[REDACTED]","name":"x"}',
      );
      expect(redactor.text('token=abc123&user=x')).toBe('token=[REDACTED]&user=x');
    });
  });

  describe('.excerpt', () => {
    it('is short, single-line and cut after redaction, so a cut never exposes a secret', () => {
      const redactor = new EchoRedactor([SECRET]);
      const excerpt = redactor.excerpt(`${'a\n'.repeat(98)}${SECRET}${'b'.repeat(500)}`, 200);
      expect(excerpt.length).toBeLessThanOrEqual(200);
      expect(excerpt).not.toContain('\n');
      expect(excerpt).not.toContain('9f8e7d6c');
    });

    it('removes a long run of a secret, such as half of it echoed', () => {
      const redactor = new EchoRedactor([SECRET]);
      expect(redactor.excerpt(`got ${SECRET.slice(0, 18)} only`)).toBe('got [REDACTED] only');
      expect(redactor.excerpt(`got ${SECRET.slice(-12)} only`)).toBe('got [REDACTED] only');
    });

    it('never shows a third or more of a secret, whatever the text around it', () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 8, maxLength: 64 }),
          fc.string({ maxLength: 300 }),
          fc.nat(),
          fc.nat(),
          fc.string({ maxLength: 300 }),
          (secret, before, from, length, after) => {
            const start = from % secret.length;
            const piece = secret.slice(start, start + Math.max(1, length % (secret.length + 1)));
            const excerpt = new EchoRedactor([secret]).excerpt(`${before}${piece}${after}`);
            const run = Math.max(8, Math.ceil(secret.length / 3));
            for (let index = 0; index + run <= secret.length; index++) {
              const fragment = secret.slice(index, index + run);
              // Folding whitespace changes a fragment that holds some: it is then not echoed as is.
              if (/\s/.test(fragment)) continue;
              expect(excerpt.includes(fragment)).toBe(false);
            }
          },
        ),
      );
    });
  });
});

import { describe, expect, it } from 'vitest';
import { REDACTED } from '../model/sensitivity.js';
import { EXCERPT_MAX_CHARS, echoExcerpt, redactEcho } from './echo-text.js';

const HEX = 'ab'.repeat(32);

describe('redactEcho', () => {
  it('hides a known secret wherever it appears', () => {
    expect(redactEcho('x my-secret-value y my-secret-value', ['my-secret-value'])).toBe(
      `x ${REDACTED} y ${REDACTED}`,
    );
  });

  it('hides anything shaped like a hash, half of one included, but not shorter hex runs', () => {
    expect(redactEcho(`hash ${HEX} end`, [])).toBe(`hash ${REDACTED} end`);
    expect(redactEcho(`hash ${HEX.slice(0, 32)}!`, [])).toBe(`hash ${REDACTED}!`);
    expect(redactEcho('id 0123456789abcdef0123456789abcde', [])).toContain('0123456789abcdef');
  });

  it('hides values of secret-named fields in JSON, form and text echoes', () => {
    const out = redactEcho('{"cid":1,"provhash":"short1","password":"Pw!"} provhash=abc&cmd=x', []);
    expect(out).not.toMatch(/short1|Pw!|abc&/);
    expect(out).toContain('"cid":1');
    expect(redactEcho('token=abc123&user=x', [])).toBe(`token=${REDACTED}&user=x`);
  });

  it('hides a quoted secret value whole, spaces included, also URL-encoded', () => {
    expect(redactEcho('{"password":"correct horse battery"}', [])).toBe(`{"password":"${REDACTED}"}`);
    expect(redactEcho('data=%7B%22password%22%3A%22correct%20horse%22%7D', [])).not.toContain('horse');
  });

  it('hides a secret URL-encoded, form-encoded, JSON- or HTML-escaped', () => {
    const secret = 'Ab+Cd/Ef=Gh&Ij+0123456789abcdefXYZ';
    const echoes = [
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
      new URLSearchParams({ provhash: secret }).toString(),
      JSON.stringify(secret).replace(/\//g, '\\/'),
      secret.replace(/&/g, '&amp;'),
    ];
    for (const echo of echoes) expect(redactEcho(`echo: ${echo} end`, [secret])).not.toMatch(/Ab|0123456789/);
  });

  it('hides a quarter of a secret or more, wherever the echo cut it', () => {
    const secret = 'Q7x!'.repeat(16);
    for (const [from, to] of [
      [0, 16],
      [20, 52],
      [48, 64],
    ]) {
      expect(redactEcho(`quoted ${secret.slice(from, to)}.`, [secret])).toBe(`quoted ${REDACTED}.`);
    }
    expect(redactEcho(`short ${secret.slice(0, 12)} stays`, [secret])).toContain(secret.slice(0, 12));
  });

  it('fails on wrong arguments with invalid_input', () => {
    expect(() => redactEcho(5 as unknown as string, [])).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('echoExcerpt', () => {
  it('redacts before it cuts, so a secret cut at the edge shows no prefix', () => {
    const excerpt = echoExcerpt(`${'x'.repeat(EXCERPT_MAX_CHARS - 10)}${HEX}`, []);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(excerpt).not.toContain('abab');
  });

  it('folds whitespace to one line', () => {
    expect(echoExcerpt('<html>\n  <body>oops</body>\n</html>', [])).toBe('<html> <body>oops</body> </html>');
  });

  it('never shows the start of a secret cut at the end of the text it reads', () => {
    const secret = 'S3cr3t-'.repeat(10);
    const text = `${' \n'.repeat(40_000)}${'y'.repeat(90)}${secret}${'z'.repeat(70_000)}`;
    expect(echoExcerpt(text, [secret], 120)).not.toContain('S3cr');
    expect(echoExcerpt(`${'x'.repeat(100)}${secret.slice(0, 30)}`, [secret], 120)).not.toMatch(/S3cr3t-S/);
  });

  it('refuses a maxChars that is not a whole number of at least 2', () => {
    expect(() => echoExcerpt('text', [], 0.5)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

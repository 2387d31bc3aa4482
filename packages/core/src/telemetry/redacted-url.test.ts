import { describe, expect, it } from 'vitest';
import { redactedUrl, serverAddress, serverPort } from './redacted-url.js';

const keep = (text: string) => text;

describe('redactedUrl', () => {
  it('replaces every query value, keeps the keys and drops the fragment', () => {
    const url = new URL('https://api.acme.test/v1/members?login=mia%40acme.test&cursor=abc&cursor=def#frag');
    expect(redactedUrl(url, keep)).toBe(
      'https://api.acme.test/v1/members?login=REDACTED&cursor=REDACTED&cursor=REDACTED',
    );
  });

  it('replaces user and password as the conventions ask', () => {
    expect(redactedUrl(new URL('https://ada:s3cret@api.acme.test:8443/x'), keep)).toBe(
      'https://REDACTED:REDACTED@api.acme.test:8443/x',
    );
  });

  it('passes what is left through the client redaction (a token in the path)', () => {
    const url = new URL('https://api.acme.test/keys/tok_123456789/users');
    expect(redactedUrl(url, (text) => text.replace('tok_123456789', '[REDACTED]'))).toBe(
      'https://api.acme.test/keys/[REDACTED]/users',
    );
  });
});

describe('serverAddress and serverPort', () => {
  it('give the host without IPv6 brackets and the port, defaulting by scheme', () => {
    expect(serverAddress(new URL('http://[::1]:8080/'))).toBe('::1');
    expect(serverPort(new URL('http://[::1]:8080/'))).toBe(8080);
    expect(serverPort(new URL('https://api.acme.test/'))).toBe(443);
    expect(serverPort(new URL('http://127.0.0.1/'))).toBe(80);
  });
});

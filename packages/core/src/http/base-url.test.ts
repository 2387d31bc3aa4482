import { describe, expect, it } from 'vitest';
import { BaseUrl } from './base-url.js';
import { createHttpClient } from './http-client.js';

describe('BaseUrl', () => {
  it.each([
    'https://acme.helpdesk.example',
    'https://api.acme.test/v2',
    'http://127.0.0.1:4010/api',
    'http://localhost:8080',
    'http://[::1]:9000',
  ])('accepts %s, as the HTTP client does', (url) => {
    expect(BaseUrl.safeParse(url).success).toBe(true);
    expect(() => createHttpClient({ provider: 'acme', baseUrl: url })).not.toThrow();
  });

  it.each([
    'http://acme.helpdesk.example',
    'http://127.0.0.1.example.com',
    'https://acme.test/?tenant=1',
    'https://acme.test/#top',
    'https://user:pass@acme.test',
    'ftp://acme.test',
    'acme.test',
  ])('refuses %s, as the HTTP client does', (url) => {
    expect(BaseUrl.safeParse(url).success).toBe(false);
    expect(() => createHttpClient({ provider: 'acme', baseUrl: url })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

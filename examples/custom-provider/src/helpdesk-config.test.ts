import { createProvisionKit, secretValuesOf, silentLogger } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { helpdeskConfigSchema } from './helpdesk-config.js';
import { helpdeskProvider } from './helpdesk-plugin.js';

describe('helpdeskConfigSchema', () => {
  const apiToken = 'hd_0123456789abcdef';
  const baseUrl = 'https://acme.helpdesk.example/api/v2';

  it('marks apiToken secret, so core scrubs it from logs and errors', () => {
    const config = helpdeskConfigSchema.parse({ baseUrl, apiToken });
    expect(secretValuesOf(helpdeskConfigSchema, config)).toEqual([apiToken]);
  });

  it('applies the default seat type', () => {
    expect(helpdeskConfigSchema.parse({ baseUrl, apiToken }).seatType).toBe('full');
  });

  it('accepts plain http only towards this machine (a local sandbox)', () => {
    expect(
      helpdeskConfigSchema.safeParse({ baseUrl: 'http://127.0.0.1:4010/api/v2', apiToken }).success,
    ).toBe(true);
    expect(
      helpdeskConfigSchema.safeParse({ baseUrl: 'http://acme.helpdesk.example', apiToken }).success,
    ).toBe(false);
  });

  it('makes connect() fail with invalid_input naming the field, without quoting the token', async () => {
    const kit = createProvisionKit({ plugins: [helpdeskProvider], logger: silentLogger() });
    const config = { baseUrl: 'http://acme.helpdesk.example', apiToken, seatTpye: 'light' };
    const error = await kit.connect({ provider: 'helpdesk', tenant: 'acme', config }).catch((e) => e);
    await kit.close();
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'config',
      'config.baseUrl',
    ]);
    expect(JSON.stringify(error)).not.toContain(apiToken);
  });
});

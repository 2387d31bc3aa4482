import { createProvisionKit, silentLogger } from '@provisionkit/core';
import { describe, expect, it } from 'vitest';
import { HelpdeskSandbox, helpdeskProvider } from './index.js';

// Host code, as the guide shows it: the provider used through provisionkit, never directly.
describe('helpdeskProvider', () => {
  it('serves a host through a connection, with core filling in what Helpdesk lacks', async () => {
    const apiToken = 'hd_acme_0123456789abcdef';
    const sandbox = new HelpdeskSandbox({ apiToken }); // stands in for https://acme.helpdesk.example

    const kit = createProvisionKit({ plugins: [helpdeskProvider], logger: silentLogger() });
    const acme = await kit.connect({
      provider: 'helpdesk',
      tenant: 'acme',
      config: { baseUrl: sandbox.baseUrl, apiToken, seatType: 'light' },
    });

    // Helpdesk has no bulk endpoint: core creates the 12 users one request each, 4 at a time.
    const names = Array.from({ length: 12 }, (_, n) => `agent-${n}@acme.example`);
    const batch = await acme.directory.createUsers(names.map((userName) => ({ userName })));

    await acme.directory.suspendUser({ userName: 'AGENT-3@acme.example' });

    // Helpdesk cannot filter by status: core filters the stream, so the answer is the same anyway.
    const suspended: string[] = [];
    for await (const user of acme.directory.listUsers({ status: 'suspended' })) suspended.push(user.userName);

    // Undeclared verb and undeclared field: refused by core before any request reaches Helpdesk.
    const removal = await acme.directory.removeUser({ userName: 'agent-1@acme.example' }).catch((e) => e);
    const named = await acme.directory
      .createUser({ userName: 'ada@acme.example', givenName: 'Ada' })
      .catch((e) => e);

    const health = await acme.directory.verifyCredentials();
    await kit.close();

    expect(batch.succeeded).toBe(12);
    expect(suspended).toEqual(['agent-3@acme.example']);
    expect(removal.code).toBe('unsupported_operation');
    expect(named.details.field).toBe('input.givenName');
    expect(health.status).toBe('valid');
  });
});

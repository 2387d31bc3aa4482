import { describe, expect, it } from 'vitest';
import { runMultiTenant } from './run-multi-tenant.js';

describe('runMultiTenant', () => {
  it('reconciles two customers on two providers, each endpoint getting only its own verified events', async () => {
    const [acme, globex] = await runMultiTenant();
    expect(acme).toMatchObject({
      tenant: 'acme',
      provider: 'lastpass',
      applied: 'applied',
      tenantsSeen: ['acme'],
      credentials: 'valid',
      snapshotUsers: 7,
      lastSync: 'completed',
    });
    expect(globex).toMatchObject({
      tenant: 'globex',
      provider: 'mock',
      applied: 'applied',
      tenantsSeen: ['globex'],
      credentials: 'valid',
      snapshotUsers: 2,
      lastSync: 'completed',
    });
    // Globex: Homer's first sync, then Hank created and Homer updated through the platform.
    expect(globex!.received).toEqual([
      'user.created',
      'sync.completed',
      'user.created',
      'user.updated',
      'user.updated',
      'sync.completed',
    ]);
    expect(acme!.received.filter((type) => type === 'user.created')).toHaveLength(7);
  });
});

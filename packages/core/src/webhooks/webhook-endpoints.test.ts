import { describe, expect, it } from 'vitest';
import { createMemoryStateStore } from '../state/memory/memory-state-store.js';
import { expectIssueAt, expectProvisioningError } from '../testing/expect-error.js';
import { createWebhookDispatcher } from './create-webhook-dispatcher.js';

function endpoints(urlPolicy = {}) {
  const store = createMemoryStateStore();
  let ms = Date.parse('2024-05-11T10:00:00Z');
  const clock = { now: () => new Date(ms), advance: (by: number) => (ms += by) };
  return { store, clock, endpoints: createWebhookDispatcher({ store, urlPolicy, now: clock.now }).endpoints };
}

describe('WebhookEndpoints', () => {
  describe('.subscribe', () => {
    it('creates an enabled endpoint with a fresh whsec_ secret, returned once and never listed', async () => {
      const { endpoints: e, store } = endpoints();
      const { endpoint, secret } = await e.subscribe({ tenant: 'acme', url: 'https://hooks.example.com/in' });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
      expect(endpoint).toMatchObject({
        tenant: 'acme',
        status: 'enabled',
        secrets: [{ createdAt: '2024-05-11T10:00:00.000Z' }],
      });
      expect(endpoint.id).toMatch(/^wh_/);
      const other = await e.subscribe({ tenant: 'acme', url: 'https://hooks.example.com/in' });
      expect(other.secret).not.toBe(secret);
      expect(JSON.stringify([await e.list(), await e.get(endpoint.id)])).not.toContain(secret.slice(6, 20));
      expect((await store.getWebhookSubscription(endpoint.id))?.secrets[0]?.secret).toBe(secret);
    });

    it('starts after the last logged event unless told to deliver history from a cursor', async () => {
      const { endpoints: e, store } = endpoints();
      await store.appendEvents({ tenant: 'acme', provider: 'mock' }, [
        {
          id: 'evt_1',
          type: 'sync.completed',
          source: 'sync',
          runId: 'run_1',
          time: '2024-05-11T09:00:00.000Z',
          tenant: 'acme',
          provider: 'mock',
          data: {
            mode: 'full',
            counts: { enumerated: 0, created: 0, updated: 0, deleted: 0, suspended: 0, unchanged: 0 },
            startedAt: '2024-05-11T09:00:00.000Z',
            durationMs: 1,
          },
        },
      ]);
      const fresh = await e.subscribe({ tenant: 'acme', url: 'https://hooks.example.com/in' });
      expect(fresh.endpoint.cursor).toBe('1');
      const history = await e.subscribe({
        tenant: 'acme',
        url: 'https://hooks.example.com/in',
        startAfter: '0',
      });
      expect(history.endpoint.cursor).toBe('0');
    });

    it('refuses URLs the policy forbids and wrong input, naming the field', async () => {
      const { endpoints: e } = endpoints();
      const http = await expectProvisioningError(
        e.subscribe({ tenant: 'acme', url: 'http://hooks.example.com/' }),
        'invalid_input',
      );
      expectIssueAt(http, 'input.url');
      expect(http.details?.reason).toBe('insecure');
      const local = await expectProvisioningError(
        e.subscribe({ tenant: 'acme', url: 'https://127.0.0.1/' }),
        'invalid_input',
      );
      expect(local.details?.reason).toBe('forbidden_address');
      const types = await expectProvisioningError(
        e.subscribe({
          tenant: 'acme',
          url: 'https://hooks.example.com/',
          eventTypes: ['user.renamed' as never],
        }),
        'invalid_input',
      );
      expectIssueAt(types, 'input.eventTypes.0');
      await expectProvisioningError(
        e.subscribe({ tenant: '', url: 'https://hooks.example.com/' }),
        'invalid_input',
      );
      await expectProvisioningError(e.subscribe(null as never), 'invalid_input');
    });
  });

  describe('.update', () => {
    it('changes the URL (checked again) and the event types', async () => {
      const { endpoints: e } = endpoints();
      const { endpoint } = await e.subscribe({
        tenant: 'acme',
        url: 'https://hooks.example.com/in',
        eventTypes: ['user.created'],
      });
      const moved = await e.update(endpoint.id, { url: 'https://other.example.com/in', eventTypes: null });
      expect(moved.url).toBe('https://other.example.com/in');
      expect(moved.eventTypes).toBeUndefined();
      const refused = await expectProvisioningError(
        e.update(endpoint.id, { url: 'https://10.0.0.1/' }),
        'invalid_input',
      );
      expectIssueAt(refused, 'patch.url');
      await expectProvisioningError(e.update('nope', { eventTypes: null }), 'not_found');
    });
  });

  describe('.rotateSecret', () => {
    it('adds a secret and gives the old one an expiry; expired ones are dropped at the next rotation', async () => {
      const { endpoints: e, clock, store } = endpoints();
      const { endpoint, secret } = await e.subscribe({ tenant: 'acme', url: 'https://hooks.example.com/in' });
      const first = await e.rotateSecret(endpoint.id, { overlapMs: 1000 });
      expect(first.secret).not.toBe(secret);
      expect(first.endpoint.secrets).toEqual([
        { createdAt: '2024-05-11T10:00:00.000Z', expiresAt: '2024-05-11T10:00:01.000Z' },
        { createdAt: '2024-05-11T10:00:00.000Z' },
      ]);
      clock.advance(2000);
      const second = await e.rotateSecret(endpoint.id);
      const stored = (await store.getWebhookSubscription(endpoint.id))!.secrets.map((item) => item.secret);
      expect(stored).toEqual([first.secret, second.secret]);
      await expectProvisioningError(e.rotateSecret('nope'), 'not_found');
    });
  });

  describe('.disable', () => {
    it('pauses and resumes an endpoint; remove deletes it', async () => {
      const { endpoints: e } = endpoints();
      const { endpoint } = await e.subscribe({ tenant: 'acme', url: 'https://hooks.example.com/in' });
      expect(await e.disable(endpoint.id, 'maintenance')).toMatchObject({
        status: 'disabled',
        disabledReason: 'maintenance',
      });
      expect((await e.list({ status: 'disabled' })).map((item) => item.id)).toEqual([endpoint.id]);
      expect(await e.enable(endpoint.id)).toMatchObject({ status: 'enabled' });
      expect(await e.remove(endpoint.id)).toBe(true);
      expect(await e.get(endpoint.id)).toBeUndefined();
      await expectProvisioningError(e.listDeliveries({ endpointId: endpoint.id, limit: 0 }), 'invalid_input');
    });
  });
});

describe('createWebhookDispatcher', () => {
  it('refuses wrong options, naming them', async () => {
    const store = createMemoryStateStore();
    const cases: [unknown, string][] = [
      [{ store, concurrency: 0 }, 'options.concurrency'],
      [{ store, urlPolicy: { allowPrivateNetworks: ['nope'] } }, 'options.urlPolicy.allowPrivateNetworks.0'],
      [{ store, retrySchedule: [] }, 'options.retrySchedule'],
      [{ store, jitter: 2 }, 'options.jitter'],
      [{}, 'options.store'],
    ];
    for (const [options, path] of cases) {
      const error = await expectProvisioningError(
        (async () => createWebhookDispatcher(options as never))(),
        'invalid_input',
      );
      expectIssueAt(error, path);
    }
  });
});

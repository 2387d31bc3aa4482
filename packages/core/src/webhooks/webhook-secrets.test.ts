import { Writable } from 'node:stream';
import { createMockProvider } from '@provisionkit/provider-mock';
import { describe, expect, it } from 'vitest';
import { createProvisionKit } from '../composition/create-provision-kit.js';
import { createLogger } from '../logging/create-logger.js';
import { createMemoryStateStore } from '../state/memory/memory-state-store.js';
import { createWebhookDispatcher } from './create-webhook-dispatcher.js';
import { VirtualClock } from './dispatcher-test-helpers.js';
import { TestReceiver } from './receiver-test-helpers.js';
import { verifyWebhook } from './verify-webhook.js';

const API_KEY = 'canary-api-key-7d3b91e0f2';

/** Every form in which a secret could slip out: whole, its key's base64 and hex, and fragments. */
function forms(secret: string): string[] {
  const key = secret.startsWith('whsec_') ? secret.slice(6) : secret;
  const hex = Buffer.from(key, 'base64').toString('hex');
  return [
    secret,
    key,
    key.slice(0, 12),
    key.slice(-12, -1),
    hex.slice(0, 16),
    encodeURIComponent(key).slice(0, 16),
  ];
}

describe('webhook delivery', () => {
  it('never shows a webhook secret or a provider credential in logs, errors, events, endpoints or delivery records', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const logger = createLogger({ level: 'debug', destination });
    const store = createMemoryStateStore();
    const kit = createProvisionKit({ plugins: [createMockProvider()], logger, store });
    const connection = await kit.connect({ provider: 'mock', tenant: 'acme', config: { apiKey: API_KEY } });
    const receiver = await TestReceiver.start();
    const clock = new VirtualClock();
    const dispatcher = createWebhookDispatcher({
      store,
      logger,
      now: clock.now,
      timeoutMs: 200,
      jitter: 0,
      retrySchedule: [0, 1000, 1000, 1000, 1000, 1000],
      urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
    });
    const e = dispatcher.endpoints;
    const first = await e.subscribe({ tenant: 'acme', url: receiver.url });
    const rotated = await e.rotateSecret(first.endpoint.id);
    const secrets = [first.secret, rotated.secret];
    const thrown: unknown[] = [];
    const attempt = async (run: () => unknown) => {
      try {
        await run();
      } catch (error) {
        thrown.push(error);
      }
    };
    try {
      // A user whose fields echo the API key: the event log redacts it before anything is sent.
      await connection.directory.createUser({ userName: 'ada@acme.example', givenName: `key ${API_KEY}` });
      for (const answer of [
        { status: 500 },
        { status: 302, headers: { location: 'http://127.0.0.1:1/' } },
        { status: 200, delayMs: 1000 },
      ]) {
        receiver.answer = () => answer;
        await dispatcher.deliverDue();
        clock.advance(1000);
      }
      await receiver.down();
      await dispatcher.deliverDue();
      clock.advance(1000);
      await receiver.up();
      receiver.answer = () => ({ status: 410 });
      await dispatcher.deliverDue();
      const sent = receiver.received[0]!;
      await attempt(() =>
        verifyWebhook(sent.body, sent.headers, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {
          now: clock.ms,
        }),
      );
      await attempt(() => verifyWebhook(sent.body, sent.headers, `${first.secret}!`));
      await attempt(() => verifyWebhook(`${sent.body} `, sent.headers, secrets, { now: clock.ms }));
      await attempt(() =>
        e.subscribe({ tenant: 'acme', url: `https://user:${first.secret}@hooks.example.com/` }),
      );
      await attempt(() => createWebhookDispatcher({ store, userAgent: first.secret.repeat(10) } as never));

      const endpointId = first.endpoint.id;
      const deliveries = await e.listDeliveries({ endpointId });
      const attempts = await Promise.all(deliveries.map((item) => e.listAttempts(item.id)));
      const exposed = JSON.stringify({
        endpoints: [await e.list(), await e.get(endpointId), first.endpoint, rotated.endpoint],
        deliveries,
        attempts,
        events: await kit.listEvents({ tenant: 'acme', limit: 100 }),
        bodies: receiver.received.map((request) => request.body.toString()),
        errors: thrown.map((error) => ({ text: String(error), json: JSON.stringify(error) })),
        logs: lines.join(''),
      });
      expect(attempts.flat().map((item) => item.statusCode ?? item.error)).toEqual([
        500,
        302,
        'timeout',
        'ECONNREFUSED',
        410,
      ]);
      expect(exposed).toContain('webhook attempt failed');
      expect(exposed).toContain('webhook.disabled');
      expect(thrown).toHaveLength(5);
      for (const secret of secrets) {
        for (const form of forms(secret))
          expect(exposed.includes(form), 'a webhook secret appears').toBe(false);
      }
      for (const form of [
        API_KEY,
        API_KEY.slice(0, 12),
        Buffer.from(API_KEY).toString('base64').slice(0, 16),
      ]) {
        expect(exposed.includes(form), 'the API key appears').toBe(false);
      }
    } finally {
      await dispatcher.stop();
      await receiver.down();
      await kit.close();
    }
  });
});

import { createMockProvider } from '@provisionkit/provider-mock';
import { createProvisionKit } from '../composition/create-provision-kit.js';
import type { Connection, ProvisionKit } from '../composition/provision-kit.js';
import { silentLogger } from '../logging/create-logger.js';
import { createMemoryStateStore } from '../state/memory/memory-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './create-webhook-dispatcher.js';
import { TestReceiver } from './receiver-test-helpers.js';
import type { WebhookDispatcherOptions } from './webhook-dispatcher-options.js';

/** A clock tests move by hand: retries fall due when the test says, not after real waits. */
export class VirtualClock {
  #ms = Date.parse('2024-05-11T10:00:00.000Z');
  readonly now = (): Date => new Date(this.#ms);
  advance(ms: number): void {
    this.#ms += ms;
  }
  get ms(): number {
    return this.#ms;
  }
}

export interface WebhookFixture {
  readonly kit: ProvisionKit;
  readonly store: StateStore;
  readonly connection: Connection;
  readonly receiver: TestReceiver;
  readonly dispatcher: WebhookDispatcher;
  readonly clock: VirtualClock;
  /** Creates `count` users through the connection: one `user.created` event each. */
  createUsers(count: number): Promise<void>;
  close(): Promise<void>;
}

let created = 0;

/**
 * A kit with a memory store and one mock connection (tenant `acme`), a real receiver on 127.0.0.1,
 * and a dispatcher on a virtual clock that allows loopback http endpoints (as tests must), with
 * no jitter unless asked.
 */
export async function webhookFixture(
  options: Partial<Omit<WebhookDispatcherOptions, 'store'>> & { readonly store?: StateStore } = {},
): Promise<WebhookFixture> {
  const store = options.store ?? createMemoryStateStore();
  const kit = createProvisionKit({ plugins: [createMockProvider()], logger: silentLogger(), store });
  const connection = await kit.connect({ provider: 'mock', tenant: 'acme', config: {} });
  const receiver = await TestReceiver.start();
  const clock = new VirtualClock();
  const dispatcher = createWebhookDispatcher({
    urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
    now: clock.now,
    jitter: 0,
    timeoutMs: 2_000,
    ...options,
    store,
  });
  return {
    kit,
    store,
    connection,
    receiver,
    dispatcher,
    clock,
    async createUsers(count) {
      const batch = Array.from({ length: count }, () => ({ userName: `user${++created}@acme.example` }));
      await connection.directory.createUsers(batch);
    },
    async close() {
      await dispatcher.stop();
      await receiver.down();
      await kit.close();
    },
  };
}

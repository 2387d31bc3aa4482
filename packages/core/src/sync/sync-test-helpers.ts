import { createMockProvider, type MockUserDirectory } from '@provisionkit/provider-mock';
import { createProvisionKit } from '../composition/create-provision-kit.js';
import type { Connection, ProvisionKit } from '../composition/provision-kit.js';
import type { ProvisionEvent } from '../events/provision-event.js';
import { silentLogger } from '../logging/create-logger.js';
import { UserDirectory } from '../spi/user-directory.js';
import { createMemoryStateStore } from '../state/memory/memory-state-store.js';
import type { StateStore } from '../state/state-store.js';
import type { SyncSettings } from './sync-options.js';

export const API_KEY = 'canary-key-5b1e9c0d7a';

export interface SyncFixture {
  readonly kit: ProvisionKit;
  readonly store: StateStore;
  readonly connection: Connection;
  /** The raw mock behind the connection: changing it is an admin working in the provider's console. */
  readonly admin: MockUserDirectory;
  /** Every event of the tenant logged after the previous call (or `skipEvents`). */
  newEvents(): Promise<ProvisionEvent[]>;
  /** Moves past every event logged so far without reading them. */
  skipEvents(): Promise<void>;
}

/** A kit with a memory store and one mock connection (tenant `acme`) seeded with `users` users. */
export async function syncFixture(
  users: number,
  options: { readonly sync?: SyncSettings; readonly store?: StateStore; readonly mockNow?: () => Date } = {},
): Promise<SyncFixture> {
  const store = options.store ?? createMemoryStateStore();
  const mock = createMockProvider(options.mockNow === undefined ? {} : { now: options.mockNow });
  const kit = createProvisionKit({ plugins: [mock], logger: silentLogger(), store });
  const seed = Array.from({ length: users }, (_, i) => ({
    userName: `user${i + 1}@acme.example`,
    givenName: `User${i + 1}`,
  }));
  const connection = await kit.connect({
    provider: 'mock',
    tenant: 'acme',
    config: { apiKey: API_KEY, seed, maxBatchSize: 1000 },
    ...(options.sync === undefined ? {} : { sync: options.sync }),
  });
  let cursor = '0';
  return {
    kit,
    store,
    connection,
    admin: connection.get<MockUserDirectory>(UserDirectory),
    async skipEvents() {
      cursor = await store.lastCursor();
    },
    async newEvents() {
      const events: ProvisionEvent[] = [];
      for (;;) {
        const page = await kit.listEvents({ tenant: 'acme', after: cursor, limit: 1000 });
        events.push(...page.events);
        cursor = page.next;
        if (page.events.length < 1000) return events;
      }
    },
  };
}

/** `[type, userId]` of user events, sorted, for exact comparisons. */
export function userChanges(events: readonly ProvisionEvent[]): [string, string][] {
  return events
    .flatMap((event): [string, string][] => ('userId' in event ? [[event.type, event.userId]] : []))
    .sort(([a, x], [b, y]) => (x === y ? a.localeCompare(b) : x.localeCompare(y)));
}

export function mockId(n: number): string {
  return `u-${String(n).padStart(6, '0')}`;
}

import { createMockProvider, type MockUserDirectory } from '@provisionkit/provider-mock';
import { createProvisionKit } from '../composition/create-provision-kit.js';
import type { Connection, ProvisionKit } from '../composition/provision-kit.js';
import { silentLogger } from '../logging/create-logger.js';
import type { NewUser } from '../model/user.js';
import { UserDirectory } from '../spi/user-directory.js';
import { createMemoryStateStore } from '../state/memory/memory-state-store.js';
import type { StateStore } from '../state/state-store.js';
import type { SyncSettings } from '../sync/sync-options.js';

export const API_KEY = 'canary-key-7c2f19ab44';

export interface ReconcileFixture {
  readonly kit: ProvisionKit;
  readonly store: StateStore;
  readonly connection: Connection;
  /** The raw mock: changing it is an admin at work in the provider's console; `stats` counts calls. */
  readonly admin: MockUserDirectory;
}

/** The same four people in every test: ada and bob active, carol suspended, dave not desired. */
export const SEED: NewUser[] = [
  { userName: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace', groups: ['Engineering'] },
  { userName: 'bob@acme.example', givenName: 'Bob', familyName: 'Ng', groups: ['Sales', 'Travel'] },
  { userName: 'carol@acme.example', givenName: 'Carol', familyName: 'Shaw' },
  { userName: 'dave@acme.example', givenName: 'Dave', familyName: 'Cutler' },
];

export async function reconcileFixture(
  options: {
    readonly seed?: readonly NewUser[];
    readonly sync?: SyncSettings;
    readonly store?: StateStore;
  } = {},
): Promise<ReconcileFixture> {
  const store = options.store ?? createMemoryStateStore();
  const kit = createProvisionKit({ plugins: [createMockProvider()], logger: silentLogger(), store });
  const connection = await kit.connect({
    provider: 'mock',
    tenant: 'acme',
    config: { apiKey: API_KEY, seed: [...(options.seed ?? SEED)], maxBatchSize: 100 },
    ...(options.sync === undefined ? {} : { sync: options.sync }),
  });
  const admin = connection.get<MockUserDirectory>(UserDirectory);
  if (options.seed === undefined) await admin.suspendUser({ userName: 'carol@acme.example' });
  return { kit, store, connection, admin };
}

/** The desired list the tests start from: ada renamed, bob's groups changed, carol back, erin new. */
export const DESIRED = [
  'userName,givenName,familyName,groups',
  'ada@acme.example,Ada,King,Engineering',
  'BOB@acme.example,Bob,Ng,Sales;Marketing',
  'carol@acme.example,Carol,Shaw,',
  'erin@acme.example,Erin,Catto,Engineering',
  '',
].join('\n');

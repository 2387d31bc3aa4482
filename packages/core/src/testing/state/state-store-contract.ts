import { describe, expect, it } from 'vitest';
import { expectProvisioningError } from '../expect-error.js';
import { eventLogContract } from './event-log-contract.js';
import { healthContract } from './health-contract.js';
import { journalContract } from './journal-contract.js';
import { snapshotContract } from './snapshot-contract.js';
import {
  ACME,
  createStoreTestKit,
  type StateStoreContractOptions,
  type StoreTestKit,
} from './state-contract-kit.js';
import { syncRunContract } from './sync-run-contract.js';
import { webhookContract } from './webhook-contract.js';

/**
 * The contract every `StateStore` implementation runs: snapshots and recorded writes, sync runs
 * (leases, staging, commit, hold, approval, rejection), the event log, webhook records,
 * connection health records and apply journals. Call it at the top level of a test file;
 * `factory()` must return a fresh, empty store.
 */
export function describeStateStoreContract(options: StateStoreContractOptions): void {
  describe(`StateStore contract: ${options.name}`, () => {
    const kit = createStoreTestKit(options);
    snapshotContract(kit);
    syncRunContract(kit);
    eventLogContract(kit);
    webhookContract(kit);
    healthContract(kit);
    journalContract(kit);
    closeContract(kit);
  });
}

function closeContract(kit: StoreTestKit): void {
  describe('.close', () => {
    it('fails later calls with unavailable', async () => {
      const store = await kit.open();
      await store.close();
      await expectProvisioningError(store.countSnapshotRows(ACME), 'unavailable');
      await expectProvisioningError(store.listEvents({ tenant: 'acme', limit: 1 }), 'unavailable');
      expect(true).toBe(true);
    });
  });
}

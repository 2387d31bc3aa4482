import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStateStoreContract } from '@provisionkit/core/testing';
import { afterAll } from 'vitest';
import { openSqliteStateStore } from './open-sqlite-state-store.js';

const directory = mkdtempSync(join(tmpdir(), 'pk-store-contract-'));
let counter = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Both ways of running SQLite: on a thread of its own (the default) and on the calling thread.
for (const ownThread of [true, false]) {
  describeStateStoreContract({
    name: ownThread ? 'sqlite file' : 'sqlite file, on the calling thread',
    factory: () => {
      counter += 1;
      return openSqliteStateStore({ path: join(directory, `store-${counter}.db`), ownThread });
    },
  });
}

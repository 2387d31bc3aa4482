import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStateStoreContract } from '@provisionkit/core/testing';
import { afterAll } from 'vitest';
import { openSqliteStateStore } from './open-sqlite-state-store.js';

const directory = mkdtempSync(join(tmpdir(), 'pk-store-contract-'));
let counter = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Both ways of running SQLite: on the calling thread (the default) and on a thread of its own.
for (const ownThread of [false, true]) {
  describeStateStoreContract({
    name: ownThread ? 'sqlite file, on its own thread' : 'sqlite file',
    factory: () => {
      counter += 1;
      return openSqliteStateStore({ path: join(directory, `store-${counter}.db`), ownThread });
    },
  });
}

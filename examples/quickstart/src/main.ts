// Embeds provisionkit with two providers: two customers (tenants) on the in-memory mock, each with
// its own connection, and a third on LastPass (against the local simulator). Each creates users,
// lists them page by page and suspends one; the program prints what each tenant sees. On LastPass
// an admin then changes users in the console, a sync finds it, and a webhook receiver gets the events.
import 'reflect-metadata';
import { createLogger, createMemoryStateStore, createProvisionKit } from '@provisionkit/core';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { mockProvider } from '@provisionkit/provider-mock';
import { runLastPassTenant } from './lastpass-demo.js';
import { printUsers } from './print-users.js';

async function main(): Promise<void> {
  // Operation logs go to stderr as JSON lines (set LOG_LEVEL=info to see them); the report goes to stdout.
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'error', destination: process.stderr });
  // The store remembers what each directory looked like, so a sync can tell what changed
  // (`openSqliteStateStore({ path })` from @provisionkit/store-sqlite keeps it across restarts).
  const store = createMemoryStateStore();
  const kit = createProvisionKit({ plugins: [mockProvider, lastpassProvider], logger, store });

  const acme = await kit.connect({ provider: 'mock', tenant: 'acme', config: { apiKey: 'acme-demo-key' } });
  const globex = await kit.connect({ provider: 'mock', tenant: 'globex', config: {} });

  const batch = await acme.directory.createUsers([
    { userName: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace', groups: ['Engineering'] },
    { userName: 'grace@acme.example', displayName: 'Grace Hopper', groups: ['Engineering', 'Ops'] },
    { userName: 'mary.ann@acme.example', displayName: 'Mary Ann van der Berg' },
    { userName: 'ADA@acme.example' }, // same user name, other case: reported as a conflict
  ]);
  console.log(`acme batch: ${batch.succeeded} created, ${batch.failed} failed`);
  for (const item of batch.items) {
    if (!item.ok) console.log(`  item ${item.index} (${item.userName}): ${item.error.code}`);
  }

  await globex.directory.createUser({ userName: 'hank@globex.example', displayName: 'Hank Scorpio' });

  const suspended = await acme.directory.suspendUser({ userName: 'Grace@Acme.Example' });
  console.log(`suspended ${suspended.userName}: status ${suspended.status}`);

  await printUsers('acme', acme.directory);
  await printUsers('globex', globex.directory);

  const health = await acme.directory.verifyCredentials();
  console.log(`\nacme credentials: ${health.status}`);

  await runLastPassTenant(kit, store);
  await kit.close();
}

main().catch((error: unknown) => {
  // Errors from provisionkit serialize to { code, message, provider, ... } without secrets or stacks.
  console.error(JSON.stringify(error));
  process.exitCode = 1;
});

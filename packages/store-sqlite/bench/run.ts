// `pnpm bench` of this package: the sync benchmark, then the webhook benchmark (or only the one
// named: `bench/run.ts sync`, `bench/run.ts webhooks`). Exits 1 when a target is missed.
import { syncBench } from './sync-bench.js';
import { webhookBench } from './webhook-bench.js';

const BENCHES = { sync: syncBench, webhooks: webhookBench } as const;

async function main(): Promise<void> {
  const named = process.argv.slice(2) as (keyof typeof BENCHES)[];
  const chosen = named.length === 0 ? (Object.keys(BENCHES) as (keyof typeof BENCHES)[]) : named;
  let allMet = true;
  for (const name of chosen) {
    const bench = BENCHES[name];
    if (bench === undefined)
      throw new Error(`unknown benchmark ${name}: use ${Object.keys(BENCHES).join(' or ')}`);
    if (!(await bench())) allMet = false;
    console.log('');
  }
  console.log(allMet ? 'All targets met.' : 'Some targets missed.');
  process.exitCode = allMet ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 2;
});

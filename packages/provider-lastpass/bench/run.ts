import { availableParallelism } from 'node:os';
import { type BenchResult, findGc, writeBenchResults } from '@provisionkit/bench-kit';
import {
  BATCH_SIZE,
  CONNECTION_ROUNDS,
  CONNECTIONS,
  CREATE_RUNS,
  CREATE_WARM_UPS,
  LIST_RUNS,
  LIST_WARM_UPS,
  PAGE_SIZE,
} from './bench-settings.js';
import { type BenchSection, formatTable } from './result-table.js';
import { runSectionInChild, SECTION_NAMES } from './section-process.js';

/**
 * `pnpm bench`: the LastPass provider against hand-written `fetch` loops on the local simulator.
 * Prints one table and exits non-zero when a target is missed, so it can serve as a manual check.
 */
async function main(): Promise<void> {
  const gc = findGc();
  console.log(
    [
      'LastPass provider benchmark',
      `  node ${process.version}, ${availableParallelism()} cores; each section in a fresh process, its simulator in another (loopback HTTP)`,
      `  batchSize ${BATCH_SIZE}, pageSize ${PAGE_SIZE}, default limits (adaptive rate, maxConcurrent 4), logging silent`,
      `  median of ${CREATE_RUNS} (create) / ${LIST_RUNS} (list) runs after ${CREATE_WARM_UPS} / ${LIST_WARM_UPS} warm-up round(s), fresh simulator per run; forced GC ${gc ? 'on' : 'unavailable'}`,
      `  connections: ${CONNECTIONS.toLocaleString('en-US')} held open per provider beside as many bare provider clients, median of ${CONNECTION_ROUNDS} rounds after a warm-up round`,
      '',
    ].join('\n'),
  );
  // Each section in its own process (see section-process.ts). BENCH_ONLY=create, =list or
  // =connections runs one of them, for quicker iterations.
  const only = process.env.BENCH_ONLY;
  const names = SECTION_NAMES.filter((name) => only === undefined || only === name);
  const sections: BenchSection[] = [];
  for (const name of names) {
    const section = await runSectionInChild(name);
    sections.push(section);
    const results = (section as { results?: BenchResult[] }).results;
    if (results !== undefined)
      console.log(`(wrote ${writeBenchResults(new URL('../', import.meta.url), name, results)})`);
  }
  const rows = sections.flatMap((section) => section.rows);
  console.log(formatTable(rows));
  console.log(['', ...sections.flatMap((section) => section.notes)].join('\n'));
  const failed = rows.filter((row) => row.pass === false).length;
  console.log(failed === 0 ? '\nAll targets met.' : `\n${failed} target(s) missed.`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 2;
});

import { availableParallelism } from 'node:os';
import {
  BATCH_SIZE,
  CREATE_RUNS,
  CREATE_WARM_UPS,
  LIST_RUNS,
  LIST_WARM_UPS,
  PAGE_SIZE,
} from './bench-settings.js';
import { findGc } from './gc-access.js';
import { type BenchSection, formatTable } from './result-table.js';
import { runSectionInChild } from './section-process.js';

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
      `  batchSize ${BATCH_SIZE}, pageSize ${PAGE_SIZE}, maxConcurrent 4, requestsPerSecond 10000, logging silent`,
      `  median of ${CREATE_RUNS} (create) / ${LIST_RUNS} (list) runs after ${CREATE_WARM_UPS} / ${LIST_WARM_UPS} warm-up round(s), fresh simulator per run; forced GC ${gc ? 'on' : 'unavailable'}`,
      '',
    ].join('\n'),
  );
  // Each section in its own process (see section-process.ts). BENCH_ONLY=create or BENCH_ONLY=list
  // runs one of them, for quicker iterations.
  const only = process.env.BENCH_ONLY;
  const names = (['create', 'list'] as const).filter((name) => only === undefined || only === name);
  const sections: BenchSection[] = [];
  for (const name of names) sections.push(await runSectionInChild(name));
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

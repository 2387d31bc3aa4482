import { benchAdaptiveLimiter } from './adaptive-limiter.js';
import { forkMeasurement } from './fork-measurement.js';
import type { Measurement } from './measure-child.js';
import { startPageServer } from './page-server.js';
import { VARIANTS, type Variant } from './sender-variant.js';
import { benchTelemetryOverhead } from './telemetry-overhead.js';

const PAGES = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function runChild(variant: Variant, url: string): Promise<Measurement> {
  return forkMeasurement<Measurement>('./measure-child.ts', [variant, url, String(PAGES)]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * fetch against node:http for 100 pages of about 1 MB of JSON from a local server: each variant in
 * a fresh process per run (one warm-up run, then RUNS measured runs, interleaved), medians printed.
 */
async function main(): Promise<void> {
  const server = await startPageServer(PAGES);
  try {
    const results = new Map<Variant, Measurement[]>(VARIANTS.map((variant) => [variant, []]));
    for (const variant of VARIANTS) await runChild(variant, server.url);
    for (let run = 0; run < RUNS; run++) {
      for (const variant of VARIANTS) results.get(variant)!.push(await runChild(variant, server.url));
    }
    console.log(
      `\nHTTP senders: ${PAGES} pages of ${mb(server.pageBytes)} JSON, medians of ${RUNS} fresh processes`,
    );
    console.log('| variant | wall | CPU | peak RSS | peak heap (50 ms sampling) |');
    console.log('|---|---|---|---|---|');
    for (const [variant, runs] of results) {
      const wall = median(runs.map((run) => run.wallMs));
      const cpu = median(runs.map((run) => run.cpuMs));
      const rss = median(runs.map((run) => run.peakRssBytes));
      const heap = median(runs.map((run) => run.peakHeapBytes));
      console.log(`| ${variant} | ${wall.toFixed(0)} ms | ${cpu.toFixed(0)} ms | ${mb(rss)} | ${mb(heap)} |`);
    }
  } finally {
    await server.close();
  }
  await benchAdaptiveLimiter();
  await benchTelemetryOverhead();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

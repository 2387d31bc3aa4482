import { readPages, type Variant } from './sender-variant.js';

/** What one fresh process measured. */
export interface Measurement {
  readonly variant: Variant;
  readonly users: number;
  readonly wallMs: number;
  /** User plus system CPU time of the run: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
}

/**
 * Runs in a fresh process: samples RSS and heap every 50 ms on a timer while it reads the pages
 * (the peaks between pages are what a user sees), then reports through IPC.
 */
async function measure(variant: Variant, baseUrl: string, pages: number): Promise<Measurement> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const users = await readPages(variant, baseUrl, pages);
  const wallMs = performance.now() - started;
  const spent = process.cpuUsage(cpu);
  sample();
  clearInterval(timer);
  const cpuMs = (spent.user + spent.system) / 1000;
  return { variant, users, wallMs, cpuMs, peakRssBytes: peakRss, peakHeapBytes: peakHeap };
}

const [variant, baseUrl, pages] = process.argv.slice(2);
if (process.send !== undefined && variant !== undefined && baseUrl !== undefined) {
  measure(variant as Variant, baseUrl, Number(pages)).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

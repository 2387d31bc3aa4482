import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from '@provisionkit/bench-kit';
import { LIST_RUNS, LIST_USERS, LIST_WARM_UPS, PAGE_SIZE, TARGETS } from './bench-settings.js';
import type { ChildInput, ChildReport, ClientVariant } from './list-client-child.js';
import { type BenchSection, count, megabytes, ms, type Row, times } from './result-table.js';
import type { SimulatorHost } from './simulator-host.js';
import { median } from './timing.js';

/** Heap and RSS sampling period in the measured process. */
const SAMPLE_EVERY_MS = 20;
const VARIANTS: readonly ClientVariant[] = ['defaults', 'traced', 'tuned', 'raw'];
const LABELS: Record<ClientVariant, string> = {
  defaults: 'provisionkit defaults',
  traced: 'provisionkit defaults, OpenTelemetry SDK',
  tuned: 'provisionkit tuned',
  raw: 'raw node:http loop',
};

/** One listing in a fresh process (`list-client-child.ts`); resolves with what it measured. */
function runChild(input: ChildInput): Promise<ChildReport> {
  const entry = fileURLToPath(new URL('./list-client-child.ts', import.meta.url));
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--inspect'));
  const child = fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let report: ChildReport | undefined;
    child.on('message', (message: ChildReport) => {
      report = message;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (report !== undefined && report.users === input.users) resolve(report);
      else reject(new Error(`the ${input.variant} listing exited with ${code}: ${JSON.stringify(report)}`));
    });
    child.send(input);
  });
}

/**
 * Listing 100,000 users, each client in a fresh process against one simulator (in its own process):
 * provisionkit with its defaults, provisionkit tuned, and a raw `node:http` loop (`JSON.parse` per
 * page, the same page size and the same requests), measured in the same run, interleaved, the
 * order flipped every round. Medians of wall time, peak heap and peak RSS.
 */
export async function benchListClients(
  host: SimulatorHost,
): Promise<BenchSection & { results: BenchResult[] }> {
  const simulator = await host.simulator(LIST_USERS);
  const reports = new Map<ClientVariant, ChildReport[]>(VARIANTS.map((variant) => [variant, []]));
  try {
    for (let round = 0; round < LIST_WARM_UPS + LIST_RUNS; round++) {
      const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const variant of order) {
        const report = await runChild({
          variant,
          url: simulator.url,
          credentials: simulator.credentials,
          users: LIST_USERS,
          pageSize: PAGE_SIZE,
          sampleEveryMs: SAMPLE_EVERY_MS,
        });
        if (round >= LIST_WARM_UPS) reports.get(variant)!.push(report);
      }
    }
  } finally {
    await simulator.close();
  }
  const medianOf = (variant: ClientVariant, key: 'ms' | 'cpuMs' | 'peakHeap' | 'peakRss') =>
    median(reports.get(variant)!.map((report) => report[key]));
  const raw = {
    ms: medianOf('raw', 'ms'),
    peakHeap: medianOf('raw', 'peakHeap'),
    peakRss: medianOf('raw', 'peakRss'),
  };
  const label = `listUsers ${count(LIST_USERS)}`;
  const rows: Row[] = [];
  const results: BenchResult[] = [];
  for (const variant of ['defaults', 'tuned'] as const) {
    // CPU time is information: the targets are on wall time, but a loaded machine moves wall time
    // far more than the work each client does.
    const cpu = medianOf(variant, 'cpuMs');
    const rawCpu = medianOf('raw', 'cpuMs');
    rows.push({
      measurement: `${label}, ${LABELS[variant]}: CPU time vs raw loop`,
      value: ms(cpu),
      baseline: ms(rawCpu),
      ratio: times(cpu / rawCpu),
      target: '(information)',
    });
    const measures = [
      { key: 'ms', what: 'wall time', unit: 'ms', target: TARGETS.listVsRaw, show: ms, scale: 1 },
      {
        key: 'peakRss',
        what: 'peak RSS',
        unit: 'MB',
        target: TARGETS.listRssVsRaw,
        show: megabytes,
        scale: 2 ** 20,
      },
      {
        key: 'peakHeap',
        what: 'peak heap',
        unit: 'MB',
        target: TARGETS.listHeapVsRaw,
        show: megabytes,
        scale: 2 ** 20,
      },
    ] as const;
    for (const measure of measures) {
      const value = medianOf(variant, measure.key);
      const baseline = raw[measure.key];
      const ratio = value / baseline;
      const pass = ratio <= measure.target;
      rows.push({
        measurement: `${label}, ${LABELS[variant]}: ${measure.what} vs raw loop`,
        value: measure.show(value),
        baseline: measure.show(baseline),
        ratio: times(ratio),
        target: `<= ${times(measure.target)}`,
        pass,
      });
      results.push({
        id: `list-100k-${variant}-${measure.key === 'ms' ? 'wall-time' : measure.key === 'peakRss' ? 'peak-rss' : 'peak-heap'}`,
        value: round(value / measure.scale),
        unit: measure.unit,
        baseline: round(baseline / measure.scale),
        ratio: round(ratio),
        target: measure.target,
        pass,
      });
    }
  }
  // The same default listing with an OpenTelemetry SDK (in-memory exporters) registered: what
  // tracing every operation and HTTP attempt costs. Loose target: the core telemetry bench is the
  // precise one.
  const traced = medianOf('traced', 'ms');
  const untraced = medianOf('defaults', 'ms');
  const sdkRatio = traced / untraced;
  rows.push({
    measurement: `${label}, with an OpenTelemetry SDK vs without: wall time`,
    value: ms(traced),
    baseline: ms(untraced),
    ratio: times(sdkRatio),
    target: `<= ${times(TARGETS.listWithSdkVsWithout)}`,
    pass: sdkRatio <= TARGETS.listWithSdkVsWithout,
  });
  results.push({
    id: 'list-100k-sdk-overhead-wall-time',
    value: round(traced),
    unit: 'ms',
    baseline: round(untraced),
    ratio: round(sdkRatio),
    target: TARGETS.listWithSdkVsWithout,
    pass: sdkRatio <= TARGETS.listWithSdkVsWithout,
  });
  const runs = (variant: ClientVariant) =>
    reports
      .get(variant)!
      .map(
        (report) =>
          `${Math.round(report.ms)} ms (CPU ${Math.round(report.cpuMs)} ms) / ${megabytes(report.peakHeap)} / ${megabytes(report.peakRss)}`,
      )
      .join('; ');
  const notes = [
    `${label}: each run a fresh process running the same program (list-client-child.ts), heap and RSS sampled every ${SAMPLE_EVERY_MS} ms in it; ${LIST_WARM_UPS} warm-up round, then ${LIST_RUNS} rounds, medians.`,
    ...VARIANTS.map((variant) => `  ${LABELS[variant]} (wall / peak heap / peak RSS): ${runs(variant)}`),
    '  Tuned: limits { maxConcurrent: 8, adaptive: false }; defaults: baseUrl, cid, provhash and timeZone only.',
  ];
  return { rows, notes, results };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

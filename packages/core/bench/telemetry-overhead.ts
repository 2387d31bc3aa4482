import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type BenchResult, writeBenchResults } from '@provisionkit/bench-kit';
import { CrewSandbox } from '../test/rest-provider/crew-sandbox.js';
import { resultTable } from './bench-results.js';
import { forkMeasurement } from './fork-measurement.js';
import { CONTEXT_VARIANTS, type ContextVariant, type TelemetryMeasurement } from './telemetry-child.js';

const USERS = Number(process.env.BENCH_TELEMETRY_USERS ?? 20_000);
const PROCESSES = Number(process.env.BENCH_TELEMETRY_PROCESSES ?? 3);
const RUNS = Number(process.env.BENCH_TELEMETRY_RUNS ?? 8);
/** What a host pays for tracing every operation and HTTP attempt into an in-memory SDK. */
const TARGET_RATIO = 1.15;

function runChild(variant: ContextVariant, url: string, token: string): Promise<TelemetryMeasurement> {
  return forkMeasurement<TelemetryMeasurement>('./telemetry-child.ts', [variant, url, token, String(RUNS)]);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The Crew provider (built only from the HTTP toolkit) lists USERS users from a local server, 100 a
 * page, through a kit without an SDK and through one with an SDK and in-memory exporters, in turn
 * in the same process (RUNS listings each after a warm-up); in PROCESSES fresh processes without a
 * context manager and as many with the AsyncLocalStorage one. Times are medians of the medians;
 * ratios are the median of sdk / none over every pair of listings run back to back, which a
 * shared machine's changing load disturbs far less than a ratio of separate medians.
 */
export async function benchTelemetryOverhead(): Promise<void> {
  const apiToken = `crew_${randomUUID()}`;
  const sandbox = await CrewSandbox.start({ apiToken });
  for (let index = 0; index < USERS; index++) {
    const id = `m-${String(index).padStart(6, '0')}`;
    sandbox.members.set(id, {
      id,
      login: `user.${index}@bench.example`,
      email: `user.${index}@bench.example`,
      name: `User ${index}`,
      admin: false,
      active: index % 7 !== 0,
      created_at: '2024-01-02T03:04:05.000Z',
    });
  }
  const measured = new Map<ContextVariant, TelemetryMeasurement[]>(
    CONTEXT_VARIANTS.map((variant) => [variant, []]),
  );
  try {
    for (let process = 0; process < PROCESSES; process++) {
      for (const variant of CONTEXT_VARIANTS) {
        measured.get(variant)!.push(await runChild(variant, sandbox.baseUrl, apiToken));
      }
    }
  } finally {
    await sandbox.stop();
  }
  const of = (variant: ContextVariant, kit: 'none' | 'sdk', what: 'wallMs' | 'cpuMs') =>
    median(measured.get(variant)!.map((run) => run[kit][what]));
  const rows: BenchResult[] = [];
  for (const variant of CONTEXT_VARIANTS) {
    const label = variant === 'plain' ? 'sdk' : 'sdk-als';
    const pairs = (what: 'wall' | 'cpu') =>
      median(measured.get(variant)!.flatMap((run) => run.pairRatios[what]));
    const ratio = round(pairs('wall'), 3);
    rows.push(
      {
        id: `crew-list-${USERS}-${label}-vs-none`,
        value: round(of(variant, 'sdk', 'wallMs')),
        unit: 'ms',
        baseline: round(of(variant, 'none', 'wallMs')),
        ratio,
        target: `<= ${TARGET_RATIO}x`,
        pass: ratio <= TARGET_RATIO,
      },
      {
        id: `crew-list-${USERS}-${label}-cpu-vs-none`,
        value: round(of(variant, 'sdk', 'cpuMs')),
        unit: 'ms',
        baseline: round(of(variant, 'none', 'cpuMs')),
        ratio: round(pairs('cpu'), 3),
        target: null,
        pass: null,
      },
    );
  }
  const noop = measured.get('plain')!.map((run) => run.noop!);
  rows.push(
    {
      id: `crew-list-${USERS}-none-als-vs-none`,
      value: round(of('als', 'none', 'wallMs')),
      unit: 'ms',
      baseline: round(of('plain', 'none', 'wallMs')),
      ratio: round(of('als', 'none', 'wallMs') / of('plain', 'none', 'wallMs'), 3),
      target: null,
      pass: null,
    },
    {
      id: `crew-list-${USERS}-spans-per-listing`,
      value: measured.get('plain')![0]!.spansPerListing,
      unit: 'spans',
      baseline: null,
      ratio: null,
      target: null,
      pass: null,
    },
    {
      id: 'noop-instrumentation-per-operation',
      value: round(median(noop.map((cost) => cost.operationNs))),
      unit: 'ns',
      baseline: round(median(noop.map((cost) => cost.memoryOperationNs))),
      ratio: round(median(noop.map((cost) => cost.operationNs / cost.memoryOperationNs)), 3),
      target: null,
      pass: null,
    },
  );
  console.log(
    `\nTelemetry overhead: Crew (HTTP toolkit) lists ${USERS} users, 100 a page, from a local server; no SDK and an SDK with in-memory exporters in turn, medians of ${PROCESSES} fresh processes x ${RUNS} listings each`,
  );
  console.log(`\n${resultTable(rows)}`);
  console.log(`written to ${writeBenchResults(new URL('../', import.meta.url), 'telemetry', rows)}`);
  if (rows.some((row) => row.pass === false)) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchTelemetryOverhead().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

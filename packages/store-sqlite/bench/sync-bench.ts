import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult, findGc, writeBenchResults } from '@provisionkit/bench-kit';
import { type Connection, createProvisionKit, type ProvisionKit, silentLogger } from '@provisionkit/core';
import { lastpassProvider } from '@provisionkit/provider-lastpass';
import { openSqliteStateStore } from '../src/index.js';
import {
  BENCH_CREDENTIALS,
  HEAP_SAMPLE_MS,
  PAGE_SIZE,
  RUNS,
  TARGETS,
  USERS,
  WARM_UPS,
} from './bench-settings.js';
import { HeapTimer } from './heap-timer.js';
import { median } from './median.js';
import { formatTable } from './results.js';

interface Sample {
  readonly ms: number;
  /** CPU time of this process (user + system): the client's own work, whatever else the machine runs. */
  readonly cpuMs: number;
  readonly heapBytes: number;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * `pnpm bench` for the sync engine: a second sync of 100,000 unchanged users against the time to
 * merely enumerate them, both through the LastPass provider over HTTP from a simulator in another
 * process, the sync writing to a SQLite file. Resolves with whether the target was met.
 */
export async function syncBench(): Promise<boolean> {
  const gc = findGc();
  const folder = mkdtempSync(join(tmpdir(), 'pk-sync-bench-'));
  const simulator = await startSimulator(USERS);
  try {
    const store = await openSqliteStateStore({ path: join(folder, 'state.db') });
    const kit = createProvisionKit({ plugins: [lastpassProvider], logger: silentLogger(), store });
    const connection = await kit.connect({
      provider: 'lastpass',
      tenant: 'bench',
      config: {
        baseUrl: simulator.url,
        ...BENCH_CREDENTIALS,
        timeZone: 'America/New_York',
        limits: { requestsPerSecond: 10_000 },
        pageSize: PAGE_SIZE,
      },
    });
    console.log(
      `Sync benchmark: node ${process.version}, ${availableParallelism()} cores, ${USERS.toLocaleString('en-US')} users, LastPass simulator in another process (loopback HTTP), SQLite file in ${tmpdir()}, forced GC ${gc ? 'on' : 'unavailable'}`,
    );
    const first = await kit.sync(connection, { mode: 'full' });
    if (first.counts.created !== USERS) throw new Error(`first sync created ${first.counts.created} users`);
    const variants = {
      enumerate: () => enumerate(connection, gc),
      sync: () => syncAgain(kit, connection, gc),
    };
    const samples: Record<keyof typeof variants, Sample[]> = { enumerate: [], sync: [] };
    for (let round = 0; round < WARM_UPS + RUNS; round += 1) {
      const order = round % 2 === 0 ? (['enumerate', 'sync'] as const) : (['sync', 'enumerate'] as const);
      for (const name of order) {
        const sample = await variants[name]();
        if (round >= WARM_UPS) samples[name].push(sample);
      }
    }
    await store.close();
    return report(samples);
  } finally {
    simulator.child.disconnect();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function enumerate(connection: Connection, gc: (() => void) | undefined): Promise<Sample> {
  const heap = new HeapTimer(gc, HEAP_SAMPLE_MS);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let count = 0;
  for await (const _user of connection.directory.listUsers({ pageSize: PAGE_SIZE })) count += 1;
  const ms = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  const heapBytes = heap.stop();
  if (count !== USERS) throw new Error(`enumerated ${count} users`);
  return { ms, cpuMs, heapBytes };
}

async function syncAgain(
  kit: ProvisionKit,
  connection: Connection,
  gc: (() => void) | undefined,
): Promise<Sample> {
  const heap = new HeapTimer(gc, HEAP_SAMPLE_MS);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = await kit.sync(connection, { mode: 'full', pageSize: PAGE_SIZE });
  const ms = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  const heapBytes = heap.stop();
  if (run.status !== 'completed' || run.counts.unchanged !== USERS) {
    throw new Error(`unexpected second sync: ${JSON.stringify(run.counts)}`);
  }
  return { ms, cpuMs, heapBytes };
}

function report(samples: Record<'enumerate' | 'sync', Sample[]>): boolean {
  const enumerateMs = median(samples.enumerate.map((sample) => sample.ms));
  const syncMs = median(samples.sync.map((sample) => sample.ms));
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const ratio = syncMs / enumerateMs;
  const enumerateCpu = median(samples.enumerate.map((sample) => sample.cpuMs));
  const syncCpu = median(samples.sync.map((sample) => sample.cpuMs));
  const results: BenchResult[] = [
    {
      id: 'sync-100k-unchanged-vs-enumeration',
      value: Math.round(syncMs),
      unit: 'ms',
      baseline: Math.round(enumerateMs),
      ratio: Math.round(ratio * 100) / 100,
      target: `<= ${TARGETS.syncVsEnumeration}x`,
      pass: ratio <= TARGETS.syncVsEnumeration,
    },
    {
      id: 'sync-100k-unchanged-cpu-vs-enumeration',
      value: Math.round(syncCpu),
      unit: 'ms',
      baseline: Math.round(enumerateCpu),
      ratio: Math.round((syncCpu / enumerateCpu) * 100) / 100,
      target: null,
      pass: null,
    },
    {
      id: 'sync-100k-unchanged-peak-heap',
      value: mb(Math.max(...samples.sync.map((sample) => sample.heapBytes))),
      unit: 'MB',
      baseline: mb(Math.max(...samples.enumerate.map((sample) => sample.heapBytes))),
      ratio: null,
      target: null,
      pass: null,
    },
  ];
  console.log(formatTable(results));
  const runs = (name: 'enumerate' | 'sync') =>
    samples[name].map((sample) => Math.round(sample.ms)).join(', ');
  console.log(
    `\nenumerate runs: ${runs('enumerate')} ms; sync runs: ${runs('sync')} ms (median of ${RUNS} after ${WARM_UPS} warm-up)`,
  );
  console.log(
    `Load average while running: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(', ')} (1, 5, 15 min); on a busy machine wall times vary, CPU times much less.`,
  );
  console.log(
    `Peak heap = max heapUsed sampled every ${HEAP_SAMPLE_MS} ms minus heapUsed after a forced GC at start (garbage included).`,
  );
  console.log(`Wrote ${writeBenchResults(new URL('../', import.meta.url), 'sync', results)}`);
  return results.every((row) => row.pass !== false);
}

function startSimulator(users: number): Promise<{ url: string; child: ChildProcess }> {
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--inspect'));
  const child = fork(new URL('./simulator-process.ts', import.meta.url), [String(users)], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve({ url: message.url, child }));
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}

import { LIST_RUNS, LIST_USERS, LIST_WARM_UPS, PAGE_SIZE, TARGETS } from './bench-settings.js';
import { connectProvider } from './connect-provider.js';
import { HeapSampler } from './heap-sampler.js';
import { inMemorySdk } from './in-memory-sdk.js';
import { rawPages, rawPost, usersOf } from './raw-lastpass.js';
import { assertSameBodies, recordBodies } from './record-requests.js';
import { type BenchSection, count, megabytes, ms, samplesNote, times } from './result-table.js';
import type { SimulatorHost } from './simulator-host.js';
import { compareMedians } from './timing.js';

/** Users between forced collections in the (untimed) live-heap run. */
const LIVE_HEAP_EVERY = 10_000;

export async function benchListUsers(
  host: SimulatorHost,
  gc: (() => void) | undefined,
): Promise<BenchSection> {
  const sent = new Map<string, string[]>();
  const heap = { provider: 0, raw: 0, live: 0 };
  const growths: Record<'provider' | 'raw', number[]> = { provider: [], raw: [] };

  // A fresh seeded simulator per run (seeding is not timed). Both loops sample the heap once per
  // 1,000 users, so the sampling costs them the same. With `collectEvery`, a full GC runs before
  // those samples instead: what the listing keeps alive, as opposed to garbage not yet collected.
  const listWithProvider = async (collectEvery?: number, traced = false): Promise<number> => {
    const simulator = await host.simulator(LIST_USERS);
    const connection = await connectProvider(simulator, traced ? inMemorySdk() : undefined);
    const sampler = new HeapSampler(gc);
    const started = performance.now();
    let seen = 0;
    for await (const _user of connection.directory.listUsers()) {
      seen += 1;
      if (collectEvery === undefined && seen % PAGE_SIZE === 0) sampler.sample();
      if (collectEvery !== undefined && seen % collectEvery === 0) {
        gc?.();
        sampler.sample();
      }
    }
    const elapsed = performance.now() - started;
    if (collectEvery === undefined) sampler.sample();
    if (seen !== LIST_USERS) throw new Error(`listUsers yielded ${seen} users`);
    const key = collectEvery === undefined ? 'provider' : 'live';
    if (!traced) heap[key] = Math.max(heap[key], sampler.growthBytes);
    if (key === 'provider' && !traced) growths.provider.push(sampler.growthBytes);
    await connection.close();
    await simulator.close();
    return elapsed;
  };
  const provider = () => listWithProvider();
  // The same listing through a kit given an OpenTelemetry SDK with in-memory exporters.
  const traced = () => listWithProvider(undefined, true);
  const raw = async (): Promise<number> => {
    const simulator = await host.simulator(LIST_USERS);
    const post = rawPost(simulator.url);
    const sampler = new HeapSampler(gc);
    const started = performance.now();
    let seen = 0;
    await rawPages(post, simulator.credentials, PAGE_SIZE, (page) => {
      seen += usersOf(page).length;
      sampler.sample();
    });
    const elapsed = performance.now() - started;
    sampler.sample();
    if (seen !== LIST_USERS) throw new Error(`raw loop counted ${seen} users`);
    heap.raw = Math.max(heap.raw, sampler.growthBytes);
    growths.raw.push(sampler.growthBytes);
    await simulator.close();
    return elapsed;
  };

  const timings = await compareMedians(
    [
      {
        name: 'provider',
        run: provider,
        warmUp: async () => sent.set('provider', await recordBodies(provider)),
      },
      { name: 'raw', run: raw, warmUp: async () => sent.set('raw', await recordBodies(raw)) },
      { name: 'sdk', run: traced, warmUp: async () => sent.set('sdk', await recordBodies(traced)) },
    ],
    LIST_RUNS,
    () => gc?.(),
    LIST_WARM_UPS,
  );
  assertSameBodies('listUsers', sent.get('provider') ?? [], sent.get('raw') ?? []);
  assertSameBodies('listUsers (with an SDK)', sent.get('sdk') ?? [], sent.get('raw') ?? []);
  if (gc !== undefined) await listWithProvider(LIVE_HEAP_EVERY);

  const providerMs = timings.get('provider')!.median;
  const rawMs = timings.get('raw')!.median;
  const sdkMs = timings.get('sdk')!.median;
  const label = `listUsers ${count(LIST_USERS)}`;
  const notes = [
    samplesNote(`${label} via the provider`, timings.get('provider')!),
    samplesNote(`${label} via the provider, OpenTelemetry SDK + in-memory exporters`, timings.get('sdk')!),
    samplesNote(`${label} raw fetch loop (same pages, bodies compared byte for byte)`, timings.get('raw')!),
    'Heap growth = max heapUsed sampled every 1,000 users minus heapUsed after a forced GC at start (garbage not yet collected included).',
    `Heap growth per run (warm-up first): provider ${growths.provider.map(megabytes).join(', ')}; raw loop ${growths.raw.map(megabytes).join(', ')}.`,
  ];
  const rows = [
    {
      measurement: `${label}: wall time vs raw fetch loop`,
      value: ms(providerMs),
      baseline: ms(rawMs),
      ratio: times(providerMs / rawMs),
      target: `<= ${times(TARGETS.listVsRaw)}`,
      pass: providerMs / rawMs <= TARGETS.listVsRaw,
    },
    {
      measurement: `${label}: with an OpenTelemetry SDK + in-memory exporters vs without`,
      value: ms(sdkMs),
      baseline: ms(providerMs),
      ratio: times(sdkMs / providerMs),
      target: `<= ${times(TARGETS.listWithSdkVsWithout)} (information)`,
      pass: sdkMs / providerMs <= TARGETS.listWithSdkVsWithout,
    },
    {
      measurement: `${label}: heap growth (max of runs)`,
      value: megabytes(heap.provider),
      baseline: `raw loop ${megabytes(heap.raw)}`,
      ratio: '-',
      target: `< ${TARGETS.listHeapGrowthMb} MB`,
      pass: heap.provider < TARGETS.listHeapGrowthMb * 1024 * 1024,
    },
    {
      measurement: `${label}: live heap (GC every ${count(LIVE_HEAP_EVERY)} users)`,
      value: gc === undefined ? 'n/a (no GC)' : megabytes(heap.live),
      baseline: '1 extra untimed run',
      ratio: '-',
      target: '(information)',
    },
  ];
  return { rows, notes };
}

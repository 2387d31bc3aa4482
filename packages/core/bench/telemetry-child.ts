import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  createProvisionKit,
  type ProviderCapabilities,
  silentLogger,
  type TelemetryOptions,
  type UserDirectory,
  wrapDirectory,
} from '@provisionkit/core';
import { OperationTrace } from '../src/telemetry/operation-trace.js';
import { globalTelemetrySource } from '../src/telemetry/telemetry-source.js';
import { crewProvider } from '../test/rest-provider/crew-provider.js';

/**
 * `plain`: no context manager; `als`: the AsyncLocalStorage context manager most Node hosts
 * register (it costs every promise something, SDK or not). Each process lists with two kits in
 * turn: one without an SDK (the API's no-op, what a host without OpenTelemetry gets) and one with
 * an SDK and in-memory exporters, so the pair is compared on the same machine load.
 */
export const CONTEXT_VARIANTS = ['plain', 'als'] as const;
export type ContextVariant = (typeof CONTEXT_VARIANTS)[number];

export interface Timing {
  /** Median wall and CPU time of the timed listings, in milliseconds. */
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface TelemetryMeasurement {
  readonly variant: ContextVariant;
  readonly none: Timing;
  readonly sdk: Timing;
  /** sdk / none of each pair of listings run back to back (wall and CPU): drift cancels out. */
  readonly pairRatios: { readonly wall: number[]; readonly cpu: number[] };
  readonly users: number;
  readonly spansPerListing: number;
  /** No-op cost of the instrumentation, measured without a context manager (ns per call). */
  readonly noop?: { readonly operationNs: number; readonly memoryOperationNs: number };
}

/**
 * The SDK as a host configures it (batched span export, a periodic metric reader), with in-memory
 * exporters that keep everything: what is measured is the SDK's work, not a network's.
 */
function hostSdk() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(spans, { maxQueueSize: 100_000, maxExportBatchSize: 1_000 })],
  });
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return { spans, tracerProvider, meterProvider };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(
  variant: ContextVariant,
  baseUrl: string,
  apiToken: string,
  runs: number,
): Promise<TelemetryMeasurement> {
  if (variant === 'als') {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    // AsyncLocalStorage starts tracking promises on its first run, which in a host happens at once
    // (every instrumented request runs in a context): both kits are measured with it tracking.
    context.with(ROOT_CONTEXT, () => undefined);
  }
  const sdkProviders = hostSdk();
  const open = async (telemetry: TelemetryOptions | undefined) => {
    const kit = createProvisionKit({ plugins: [crewProvider], logger: silentLogger(), telemetry });
    const connection = await kit.connect({
      provider: 'crew',
      tenant: 'bench',
      config: { baseUrl, apiToken },
    });
    return { kit, directory: connection.directory };
  };
  const none = await open(undefined);
  const sdk = await open(sdkProviders);
  const samples = {
    none: { wall: [] as number[], cpu: [] as number[] },
    sdk: { wall: [] as number[], cpu: [] as number[] },
  };
  let users = 0;
  const list = async (which: 'none' | 'sdk', timed: boolean) => {
    const directory = which === 'none' ? none.directory : sdk.directory;
    const cpu = process.cpuUsage();
    const started = performance.now();
    let seen = 0;
    for await (const _user of directory.listUsers({ pageSize: 100 })) seen++;
    const wall = performance.now() - started;
    const spent = process.cpuUsage(cpu);
    users = seen;
    if (!timed) return;
    samples[which].wall.push(wall);
    samples[which].cpu.push((spent.user + spent.system) / 1000);
  };
  // Warm-up (JIT, keep-alive sockets), then the two kits in turn.
  await list('none', false);
  await list('sdk', false);
  // Alternating which goes first, so neither always runs after the other's garbage.
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? (['none', 'sdk'] as const) : (['sdk', 'none'] as const);
    for (const which of order) await list(which, true);
  }
  await sdkProviders.tracerProvider.forceFlush();
  const spansPerListing = sdkProviders.spans.getFinishedSpans().length / (runs + 1);
  await none.kit.close();
  await sdk.kit.close();
  await sdkProviders.tracerProvider.shutdown();
  await sdkProviders.meterProvider.shutdown();
  const timing = (which: 'none' | 'sdk') => ({
    wallMs: median(samples[which].wall),
    cpuMs: median(samples[which].cpu),
  });
  const noop = variant === 'plain' ? await noopCost() : undefined;
  const pairRatios = {
    wall: samples.sdk.wall.map((wall, run) => wall / samples.none.wall[run]!),
    cpu: samples.sdk.cpu.map((cpu, run) => cpu / samples.none.cpu[run]!),
  };
  return {
    variant,
    none: timing('none'),
    sdk: timing('sdk'),
    pairRatios,
    users,
    spansPerListing,
    ...(noop ? { noop } : {}),
  };
}

/**
 * What the instrumentation costs a host without an SDK: the span and metric calls of one
 * operation on the no-op API, against a whole `getUser` of an in-memory directory through core.
 */
async function noopCost(): Promise<{ operationNs: number; memoryOperationNs: number }> {
  const scope = { provider: 'mock', tenant: 'bench', telemetry: globalTelemetrySource() };
  const signal = new AbortController().signal;
  const N = 200_000;
  const timeLoop = (body: () => void) => {
    for (let index = 0; index < 10_000; index++) body();
    const started = process.hrtime.bigint();
    for (let index = 0; index < N; index++) body();
    return Number(process.hrtime.bigint() - started) / N;
  };
  const operationNs = timeLoop(() => {
    const traced = new OperationTrace(scope, 'getUser', performance.now());
    traced.begin(undefined, signal);
    traced.run(() => undefined);
    traced.end({ outcome: 'ok' });
  });
  const directory = wrapDirectory(memoryDirectory());
  const M = 20_000;
  for (let index = 0; index < 2_000; index++) await directory.getUser({ userName: 'ada@example.com' });
  const started = process.hrtime.bigint();
  for (let index = 0; index < M; index++) await directory.getUser({ userName: 'ada@example.com' });
  const memoryOperationNs = Number(process.hrtime.bigint() - started) / M;
  return { operationNs, memoryOperationNs };
}

/** A directory that answers `getUser` from memory: core's own cost is all there is to measure. */
function memoryDirectory(): UserDirectory {
  // No batch size: without a declared createUsers, core refuses one (it creates one at a time).
  const capabilities: ProviderCapabilities = {
    verbs: ['getUser'],
    maxPageSize: 100,
    defaultPageSize: 100,
    listFilters: [],
    creatableFields: [],
    updatableFields: [],
    acceptsPassword: false,
    createsInvitedUsers: false,
    userNameFormat: 'any',
  };
  const ada = {
    id: '1',
    userName: 'ada@example.com',
    status: 'active',
    isAdmin: false,
    groups: [],
    attributes: {},
  };
  return { provider: 'memory', capabilities, getUser: async () => ada } as unknown as UserDirectory;
}

const [variant, baseUrl, apiToken, runs] = process.argv.slice(2);
if (process.send !== undefined && variant !== undefined && baseUrl !== undefined && apiToken !== undefined) {
  measure(variant as ContextVariant, baseUrl, apiToken, Number(runs)).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

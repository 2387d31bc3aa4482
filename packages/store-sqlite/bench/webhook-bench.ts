import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult, writeBenchResults } from '@provisionkit/bench-kit';
import {
  createProvisionKit,
  createWebhookDispatcher,
  type StateStore,
  silentLogger,
} from '@provisionkit/core';
import { createMockProvider } from '@provisionkit/provider-mock';
import { openSqliteStateStore } from '../src/index.js';
import { median } from './median.js';
import { formatTable } from './results.js';

const EVENTS = 10_000;
const CONCURRENCY = 16;
const RUNS = 5;
const WARM_UPS = 1;
const TARGET = 2 / 3;

interface Sample {
  readonly ms: number;
  readonly cpuMs: number;
}

/**
 * `pnpm bench` for webhook delivery: 10,000 events from the durable SQLite log delivered by the
 * dispatcher (deliveries created from the log, claimed under leases, each body serialised and
 * signed, posted, every attempt recorded) against a plain loop posting the same bodies. Both keep
 * 16 requests in flight over keep-alive connections to the same receiver in another process.
 * Resolves with whether the target was met.
 */
export async function webhookBench(): Promise<boolean> {
  const folder = mkdtempSync(join(tmpdir(), 'pk-webhook-bench-'));
  const receiver = await startReceiver();
  try {
    const store = await openSqliteStateStore({ path: join(folder, 'state.db') });
    await logEvents(store);
    const bodies = (await readLog(store)).map((event) => Buffer.from(JSON.stringify(event)));
    console.log(
      `Webhook benchmark: node ${process.version}, ${availableParallelism()} cores, ${EVENTS.toLocaleString('en-US')} events in a SQLite file in ${tmpdir()}, receiver in another process (loopback HTTP), ${CONCURRENCY} requests in flight`,
    );
    const dispatcher = createWebhookDispatcher({
      store,
      concurrency: CONCURRENCY,
      urlPolicy: { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] },
    });
    const deliver = async (url: string): Promise<Sample> => {
      const { endpoint } = await dispatcher.endpoints.subscribe({ tenant: 'bench', url, startAfter: '0' });
      const sample = await measure(async () => {
        const round = await dispatcher.deliverDue();
        if (round.succeeded !== EVENTS) throw new Error(`delivered ${JSON.stringify(round)}`);
      });
      // Each run starts from the same tables: the endpoint goes with its deliveries and attempts.
      await dispatcher.endpoints.remove(endpoint.id);
      return sample;
    };
    const slowUrl = receiver.url.replace('/hooks', '/slow/hooks');
    const variants = {
      dispatcher: () => deliver(receiver.url),
      plainLoop: () => measure(() => postAll(receiver.url, bodies, CONCURRENCY)),
      oneAtATime: () => measure(() => postAll(receiver.url, bodies, 1)),
      slowDispatcher: () => deliver(slowUrl),
      slowPlainLoop: () => measure(() => postAll(slowUrl, bodies, CONCURRENCY)),
    };
    const samples: Record<keyof typeof variants, Sample[]> = {
      dispatcher: [],
      plainLoop: [],
      oneAtATime: [],
      slowDispatcher: [],
      slowPlainLoop: [],
    };
    for (let round = 0; round < WARM_UPS + RUNS; round += 1) {
      const order =
        round % 2 === 0
          ? (['plainLoop', 'dispatcher', 'oneAtATime', 'slowPlainLoop', 'slowDispatcher'] as const)
          : (['slowDispatcher', 'slowPlainLoop', 'oneAtATime', 'dispatcher', 'plainLoop'] as const);
      for (const name of order) {
        const sample = await variants[name]();
        if (round >= WARM_UPS) samples[name].push(sample);
      }
    }
    await dispatcher.stop();
    await store.close();
    return report(samples);
  } finally {
    receiver.child.disconnect();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** 10,000 `user.created` events, written through a kit as a host's writes would be. */
async function logEvents(store: StateStore): Promise<void> {
  const kit = createProvisionKit({ plugins: [createMockProvider()], logger: silentLogger(), store });
  const connection = await kit.connect({ provider: 'mock', tenant: 'bench', config: { maxBatchSize: 1000 } });
  for (let start = 0; start < EVENTS; start += 1000) {
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      userName: `user${start + i}@bench.example`,
      givenName: `User ${start + i}`,
      groups: ['Engineering'],
    }));
    const result = await connection.directory.createUsers(batch);
    if (result.failed > 0) throw new Error('could not create the users');
  }
  await kit.close();
}

async function readLog(store: StateStore) {
  const events = await store.listEvents({ tenant: 'bench', limit: EVENTS + 1 });
  if (events.length !== EVENTS) throw new Error(`the log holds ${events.length} events`);
  return events;
}

async function measure(body: () => Promise<void>): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await body();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** The baseline: `loops` loops posting the bodies over keep-alive connections, nothing else. */
async function postAll(url: string, bodies: readonly Buffer[], loops: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: loops });
  let next = 0;
  const loop = async () => {
    for (let index = next++; index < bodies.length; index = next++) await post(url, agent, bodies[index]!);
  };
  await Promise.all(Array.from({ length: loops }, loop));
  agent.destroy();
}

function post(url: string, agent: Agent, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 204 ? resolve() : reject(new Error('not 204'))));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

type Variant = 'dispatcher' | 'plainLoop' | 'oneAtATime' | 'slowDispatcher' | 'slowPlainLoop';

function report(samples: Record<Variant, Sample[]>): boolean {
  const rate = (ms: number) => Math.round((EVENTS / ms) * 1000);
  const dispatcherMs = median(samples.dispatcher.map((sample) => sample.ms));
  const loopMs = median(samples.plainLoop.map((sample) => sample.ms));
  const sequentialMs = median(samples.oneAtATime.map((sample) => sample.ms));
  const slowMs = median(samples.slowDispatcher.map((sample) => sample.ms));
  const slowLoopMs = median(samples.slowPlainLoop.map((sample) => sample.ms));
  const ratio = rate(dispatcherMs) / rate(loopMs);
  const dispatcherCpu = median(samples.dispatcher.map((sample) => sample.cpuMs));
  const loopCpu = median(samples.plainLoop.map((sample) => sample.cpuMs));
  const results: BenchResult[] = [
    {
      id: 'webhooks-10k-from-sqlite-log-vs-plain-loop',
      value: rate(dispatcherMs),
      unit: 'events/s',
      baseline: rate(loopMs),
      ratio: Math.round(ratio * 100) / 100,
      target: '>= 0.67x',
      pass: ratio >= TARGET,
    },
    {
      id: 'webhooks-10k-from-sqlite-log-vs-one-post-at-a-time',
      value: rate(dispatcherMs),
      unit: 'events/s',
      baseline: rate(sequentialMs),
      ratio: Math.round((rate(dispatcherMs) / rate(sequentialMs)) * 100) / 100,
      target: null,
      pass: null,
    },
    {
      id: 'webhooks-10k-receiver-answering-in-5ms-vs-plain-loop',
      value: rate(slowMs),
      unit: 'events/s',
      baseline: rate(slowLoopMs),
      ratio: Math.round((rate(slowMs) / rate(slowLoopMs)) * 100) / 100,
      target: null,
      pass: null,
    },
    {
      id: 'webhooks-10k-cpu-vs-plain-loop',
      value: Math.round(dispatcherCpu),
      unit: 'ms',
      baseline: Math.round(loopCpu),
      ratio: Math.round((dispatcherCpu / loopCpu) * 100) / 100,
      target: null,
      pass: null,
    },
  ];
  console.log(formatTable(results));
  const runs = (name: keyof typeof samples) =>
    samples[name].map((sample) => Math.round(sample.ms)).join(', ');
  console.log(
    `\ndispatcher runs: ${runs('dispatcher')} ms; plain loop (${CONCURRENCY} in flight): ${runs('plainLoop')} ms; one post at a time: ${runs('oneAtATime')} ms; receiver answering in 5 ms: dispatcher ${runs('slowDispatcher')} ms, plain loop ${runs('slowPlainLoop')} ms (median of ${RUNS} after ${WARM_UPS} warm-up)`,
  );
  console.log(
    `Load average while running: ${loadavg()
      .map((value) => value.toFixed(2))
      .join(', ')} (1, 5, 15 min).`,
  );
  console.log(`Wrote ${writeBenchResults(new URL('../', import.meta.url), 'webhooks', results)}`);
  return ratio >= TARGET;
}

function startReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--inspect'));
  const child = fork(new URL('./receiver-process.ts', import.meta.url), [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve({ url: message.url, child }));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

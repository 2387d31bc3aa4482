import 'reflect-metadata';
import { Agent, request as httpRequest } from 'node:http';
import { findGc } from '@provisionkit/bench-kit';
import type { LastPassConfigInput } from '@provisionkit/provider-lastpass';
import { connectProvider } from './connect-provider.js';
import { inMemorySdk } from './in-memory-sdk.js';
import { type Credentials, type Post, rawPages, usersOf } from './raw-lastpass.js';

/**
 * One measured listing in a fresh process, started by `list-clients-bench.ts`. Every variant runs
 * this same program (its imports included), so module loading costs each the same and the peaks
 * differ only by what the listing itself does. Heap and RSS are sampled on a timer in this process,
 * the way an operator's metrics would see them, not at chosen moments between pages.
 */
export type ClientVariant = 'defaults' | 'traced' | 'tuned' | 'raw';

export interface ChildInput {
  readonly variant: ClientVariant;
  readonly url: string;
  readonly credentials: Credentials;
  readonly users: number;
  readonly pageSize: number;
  readonly sampleEveryMs: number;
}

export interface ChildReport {
  readonly variant: ClientVariant;
  readonly ms: number;
  /** CPU time of the process during the listing (user and system), in ms: less moved by load. */
  readonly cpuMs: number;
  readonly users: number;
  /** Largest `heapUsed` and `rss` sampled during the listing, in bytes. */
  readonly peakHeap: number;
  readonly peakRss: number;
  readonly samples: number;
}

/** Tuned: what a host that knows its LastPass account would set (no pacing logic at all). */
const TUNED: Partial<LastPassConfigInput> = { limits: { maxConcurrent: 8, adaptive: false } };

async function listWithProvisionKit(input: ChildInput): Promise<number> {
  // Defaults: where and who (page and batch size at their default values), the simulator's zone.
  // Traced: the defaults, through a kit given an OpenTelemetry SDK with in-memory exporters.
  const connection = await connectProvider(
    input,
    input.variant === 'tuned' ? TUNED : {},
    input.variant === 'traced' ? inMemorySdk() : undefined,
  );
  let seen = 0;
  for await (const _user of connection.directory.listUsers()) seen += 1;
  await connection.close();
  return seen;
}

/** The raw loop: `node:http` with a keep-alive agent, `JSON.parse` per page, the same requests. */
async function listRaw(input: ChildInput): Promise<number> {
  const agent = new Agent({ keepAlive: true });
  const post: Post = (body) =>
    new Promise((resolve, reject) => {
      const request = httpRequest(
        input.url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/xml',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  let seen = 0;
  await rawPages(post, input.credentials, input.pageSize, (page) => {
    seen += usersOf(page).length;
  });
  agent.destroy();
  return seen;
}

async function main(input: ChildInput): Promise<ChildReport> {
  findGc()?.();
  let peakHeap = 0;
  let peakRss = 0;
  let samples = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
    samples += 1;
  };
  sample();
  const timer = setInterval(sample, input.sampleEveryMs);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const users = input.variant === 'raw' ? await listRaw(input) : await listWithProvisionKit(input);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  sample();
  return {
    variant: input.variant,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    users,
    peakHeap,
    peakRss,
    samples,
  };
}

if (process.send !== undefined) {
  process.once('message', (input: ChildInput) => {
    main(input)
      .then((report) => process.send?.(report, () => process.exit(0)))
      .catch((error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
        process.exit(2);
      });
  });
}

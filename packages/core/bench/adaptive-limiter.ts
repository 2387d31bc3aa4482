import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../src/http/index.js';

const PER_SECOND = Number(process.env.BENCH_THROTTLE_N ?? 50);
const RUN_MS = Number(process.env.BENCH_THROTTLE_MS ?? 30_000);
const SETTLED_FROM_MS = 10_000;

/**
 * The adaptive limiter in real time: a local server accepts PER_SECOND requests in any one-second
 * window and answers 429 (with `Retry-After`) beyond; one connection with 16 callers runs against
 * it. Prints the throughput once settled and the share of requests throttled.
 */
export async function benchAdaptiveLimiter(): Promise<void> {
  const window: number[] = [];
  let settledAccepted = 0;
  let throttled = 0;
  const started = performance.now();
  const server = createServer((_request, response) => {
    const now = performance.now() - started;
    while (window.length > 0 && window[0]! <= now - 1000) window.shift();
    if (window.length >= PER_SECOND) {
      throttled++;
      response.writeHead(429, { 'retry-after': '1' }).end();
      return;
    }
    window.push(now);
    if (now >= SETTLED_FROM_MS && now < RUN_MS) settledAccepted++;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new HttpClient({ provider: 'bench', baseUrl: `http://127.0.0.1:${port}` });
  let stop = false;
  const worker = async () => {
    while (!stop) await client.request({ method: 'GET', path: '/users' }).catch(() => undefined);
  };
  const workers = Array.from({ length: 16 }, worker);
  await new Promise((resolve) => setTimeout(resolve, RUN_MS));
  stop = true;
  await Promise.all(workers);
  server.close();
  const total = client.limiterState.started;
  const throughput = settledAccepted / ((RUN_MS - SETTLED_FROM_MS) / 1000);
  console.log(
    `\nAdaptive limiter against a local server accepting N = ${PER_SECOND} requests a second (${RUN_MS / 1000} s)`,
  );
  console.log('| settled throughput | share of N | requests throttled | final rate |');
  console.log('|---|---|---|---|');
  const rate = client.limiterState.rate;
  console.log(
    `| ${throughput.toFixed(1)}/s | ${((100 * throughput) / PER_SECOND).toFixed(0)} % | ${throttled} of ${total} (${((100 * throttled) / total).toFixed(1)} %) | ${rate === null ? 'unpaced' : `${rate.toFixed(1)}/s`} |`,
  );
}

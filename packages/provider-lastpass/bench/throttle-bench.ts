import type { BenchResult } from '@provisionkit/bench-kit';
import { LastPassConnectionClient } from '@provisionkit/provider-lastpass';
import { connectProvider } from './connect-provider.js';
import { type BenchSection, count, type Row } from './result-table.js';
import type { SimulatorHost } from './simulator-host.js';

/** The simulator's limit, callers sharing one connection, and the run's phases. */
const LIMIT = 50;
const CALLERS = 16;
const WARM_UP_MS = 5_000;
const MEASURED_MS = 15_000;
const TARGETS = { shareOfLimit: 0.8, throttledShare: 0.05 } as const;

/**
 * One connection with the default (adaptive) limits against a simulator that accepts `LIMIT`
 * requests a second and answers 429 beyond (no `Retry-After`: the client must find the rate from
 * the refusals alone). `CALLERS` loops send `getuserdata` pages of one as fast as the connection
 * lets them; after a warm-up, accepted requests per second and the share of throttled answers
 * are read from the simulator's own log.
 */
export async function benchThrottle(host: SimulatorHost): Promise<BenchSection & { results: BenchResult[] }> {
  const simulator = await host.simulator(10, { requestsPerSecond: LIMIT });
  const connection = await connectProvider(simulator);
  const client = connection.get<LastPassConnectionClient>(LastPassConnectionClient);
  const started = Date.now();
  const until = started + WARM_UP_MS + MEASURED_MS;
  const caller = async () => {
    while (Date.now() < until) await client.getUserData({ pageindex: 0, pagesize: 1 }).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: CALLERS }, caller));
  const state = client.limiterState;
  await connection.close();
  const from = started + WARM_UP_MS;
  const measured = (await simulator.requests()).filter((request) => request.at >= from && request.at < until);
  await simulator.close();
  const accepted = measured.filter((request) => request.status === 200).length;
  const throttled = measured.filter((request) => request.status === 429).length;
  const perSecond = accepted / (MEASURED_MS / 1000);
  const share = perSecond / LIMIT;
  const throttledShare = measured.length === 0 ? 1 : throttled / measured.length;
  const label = `adaptive rate vs a ${LIMIT}/s limit (${CALLERS} callers, one connection)`;
  const rows: Row[] = [
    {
      measurement: `${label}: accepted requests/s`,
      value: perSecond.toFixed(1),
      baseline: `limit ${LIMIT}`,
      ratio: share.toFixed(2),
      target: `>= ${TARGETS.shareOfLimit}`,
      pass: share >= TARGETS.shareOfLimit,
    },
    {
      measurement: `${label}: throttled share`,
      value: `${(throttledShare * 100).toFixed(1)} %`,
      baseline: `${count(measured.length)} requests`,
      ratio: '-',
      target: `< ${TARGETS.throttledShare * 100} %`,
      pass: throttledShare < TARGETS.throttledShare,
    },
  ];
  const results: BenchResult[] = [
    {
      id: 'throttle-accepted-share-of-limit',
      value: round(perSecond),
      unit: 'requests/s',
      baseline: LIMIT,
      ratio: round(share),
      // A floor, not a ceiling: pass is ratio >= target.
      target: TARGETS.shareOfLimit,
      pass: share >= TARGETS.shareOfLimit,
    },
    {
      id: 'throttle-throttled-share',
      value: round(throttledShare * 100),
      unit: '%',
      baseline: measured.length,
      ratio: round(throttledShare),
      target: TARGETS.throttledShare,
      pass: throttledShare < TARGETS.throttledShare,
    },
  ];
  const notes = [
    `${label}: ${WARM_UP_MS / 1000} s warm-up, then ${MEASURED_MS / 1000} s measured from the simulator's log; limiter at the end: rate ${state.rate?.toFixed(1) ?? 'none'}/s, ${state.throttled} throttled answers, ${state.decreases} decreases.`,
  ];
  return { rows, notes, results };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

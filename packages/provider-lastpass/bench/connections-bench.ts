import type { BenchResult } from '@provisionkit/bench-kit';
import type { Connection, Logger } from '@provisionkit/core';
import { silentLogger } from '@provisionkit/core';
import { CONNECTION_ROUNDS, CONNECTIONS, TARGETS } from './bench-settings.js';
import { type ConnectionSubject, kitFor, SUBJECTS } from './connection-subjects.js';
import { type BenchSection, count, megabytes, type Row } from './result-table.js';
import { median } from './timing.js';

interface Round {
  /** Wall time of opening all of them, per item, in ms. */
  readonly msEach: number;
  /** Heap they keep alive, in bytes (heapUsed after a full GC, minus before). */
  readonly heapBytes: number;
}

/**
 * Opens `CONNECTIONS` connections per provider and holds them, beside as many bare provider
 * clients: time per open and heap kept, median of `CONNECTION_ROUNDS` rounds, each round on a
 * clean heap. The same customers (tenant, credentials) in every round.
 */
export async function benchConnections(
  gc: (() => void) | undefined,
): Promise<BenchSection & { readonly results: BenchResult[] }> {
  const results: GatedResult[] = [];
  const notes: string[] = [];
  for (const subject of SUBJECTS) {
    const bare = await rounds(gc, () => openBare(subject, silentLogger()));
    const connections = await rounds(gc, () => openConnections(subject));
    const heap = median(connections.map((round) => round.heapBytes));
    const bareHeap = median(bare.map((round) => round.heapBytes));
    const time = median(connections.map((round) => round.msEach));
    const bareTime = median(bare.map((round) => round.msEach));
    results.push(
      result(
        `${subject.name}.connections.heap`,
        heap / 2 ** 20,
        'MB',
        bareHeap / 2 ** 20,
        TARGETS.connectionsHeapMb,
      ),
      result(`${subject.name}.connections.openMs`, time, 'ms', bareTime, TARGETS.openMs),
    );
    notes.push(
      `${subject.name}: ${(heap / CONNECTIONS / 1024).toFixed(1)} KB and ${(time * 1000).toFixed(0)} µs per connection ` +
        `(bare client ${(bareHeap / CONNECTIONS / 1024).toFixed(1)} KB, ${(bareTime * 1000).toFixed(0)} µs); ` +
        `open times per round ${connections.map((round) => (round.msEach * 1000).toFixed(0)).join(', ')} µs`,
    );
  }
  notes.push(await usedConnectionsNote(gc));
  return { rows: results.map(toRow), notes, results };
}

/**
 * What a connection costs once it has been used: one failed call each (an unknown user), so core
 * has scrubbed an error of the connection's secrets and built the matcher it keeps for them.
 */
async function usedConnectionsNote(gc: (() => void) | undefined): Promise<string> {
  const subject = SUBJECTS[0]!;
  const used = await rounds(
    gc,
    async () => {
      const measured = await openConnections(subject);
      for (const connection of measured.held as Connection[]) {
        await connection.directory.getUser({ userName: 'nobody@example.test' }).catch(() => undefined);
      }
      return measured;
    },
    1,
  );
  const perConnection = median(used.map((round) => round.heapBytes)) / CONNECTIONS / 1024;
  return `${subject.name}, each connection used once (a failed getUser): ${perConnection.toFixed(1)} KB per connection`;
}

async function rounds(
  gc: (() => void) | undefined,
  round: () => Promise<Measured>,
  count = CONNECTION_ROUNDS,
): Promise<Round[]> {
  const measured: Round[] = [];
  // The first round warms the JIT and is not counted.
  for (let index = 0; index <= count; index += 1) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const { msEach, held, release } = await round();
    gc?.();
    const heapBytes = process.memoryUsage().heapUsed - before;
    const opened = held.length;
    await release();
    if (opened !== CONNECTIONS) throw new Error(`opened ${opened} of ${CONNECTIONS}`);
    if (index > 0) measured.push({ msEach, heapBytes });
  }
  return measured;
}

interface Measured {
  readonly msEach: number;
  readonly held: readonly unknown[];
  readonly release: () => Promise<void>;
}

async function openConnections(subject: ConnectionSubject): Promise<Measured> {
  const kit = kitFor(subject);
  const held: Connection[] = [];
  const started = performance.now();
  for (let n = 0; n < CONNECTIONS; n += 1) {
    const config = subject.config(n);
    held.push(await kit.connect({ provider: subject.plugin.id, tenant: `customer-${n}`, config }));
  }
  const msEach = (performance.now() - started) / CONNECTIONS;
  const release = async () => {
    await kit.close();
    subject.forget?.();
    // Emptied here: an async frame may keep the array after the round until it is overwritten,
    // and the next round's heap baseline would count what it holds.
    held.length = 0;
  };
  return { msEach, held, release };
}

async function openBare(subject: ConnectionSubject, logger: Logger): Promise<Measured> {
  const held: unknown[] = [];
  const started = performance.now();
  for (let n = 0; n < CONNECTIONS; n += 1) held.push(subject.bare(n, logger));
  const msEach = (performance.now() - started) / CONNECTIONS;
  const release = async () => {
    held.length = 0;
  };
  return { msEach, held, release };
}

/** A line with a baseline and a target, as every connection measurement has. */
type GatedResult = BenchResult & { baseline: number; ratio: number; target: number; pass: boolean };

function result(id: string, value: number, unit: string, baseline: number, target: number): GatedResult {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    id,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(value / baseline),
    target,
    pass: value <= target,
  };
}

function toRow(entry: GatedResult): Row {
  const show = (value: number) =>
    entry.unit === 'MB' ? megabytes(value * 2 ** 20) : `${value.toFixed(3)} ${entry.unit}`;
  const what = entry.id.endsWith('.heap')
    ? `${entry.id.split('.')[0]}: heap of ${count(CONNECTIONS)} open connections`
    : `${entry.id.split('.')[0]}: time to open one connection`;
  return {
    measurement: what,
    value: show(entry.value),
    baseline: show(entry.baseline),
    ratio: `${entry.ratio.toFixed(2)}x`,
    target: `<= ${show(entry.target)}`,
    pass: entry.pass,
  };
}

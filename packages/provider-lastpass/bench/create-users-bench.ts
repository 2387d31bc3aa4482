import type { NewUser } from '@provisionkit/core';
import {
  BATCH_SIZE,
  CREATE_RUNS,
  CREATE_USERS,
  CREATE_WARM_UPS,
  ONE_PER_CALL_SAMPLE,
  PAGE_SIZE,
  TARGETS,
} from './bench-settings.js';
import { connectProvider } from './connect-provider.js';
import { type Credentials, commandBody, type Post, rawPages, rawPost, usersOf } from './raw-lastpass.js';
import { assertSameBodies, recordBodies } from './record-requests.js';
import { type BenchSection, count, ms, samplesNote, times } from './result-table.js';
import type { SimulatorHost } from './simulator-host.js';
import { compareMedians } from './timing.js';

const newUsers = (size: number): NewUser[] =>
  Array.from({ length: size }, (_, index) => ({ userName: `bench-${index}@example.com`, givenName: 'Bulk' }));

/** What `createUsers` puts on the wire for one of these inputs (`fullname` from the given name). */
const wireUser = (user: NewUser) => ({ username: user.userName, fullname: user.givenName });

interface CallCounts {
  readonly writes: number;
  readonly total: number;
}

/**
 * The raw loop of what `createUsers` does into an empty company: a listing to find existing users,
 * the `batchadd` chunks, a listing to read the users back. Same commands, chunks, bodies and pages
 * (one page requested ahead, as the provider does). Returns how many users the read-back found.
 */
async function rawCreate(post: Post, credentials: Credentials, users: readonly NewUser[]): Promise<number> {
  const wanted = new Set(users.map((user) => user.userName));
  const existing = new Set<string>();
  await rawPages(post, credentials, PAGE_SIZE, (page) => {
    for (const user of usersOf(page)) if (wanted.has(user.username)) existing.add(user.username);
  });
  const toSend = users.filter((user) => !existing.has(user.userName));
  for (let start = 0; start < toSend.length; start += BATCH_SIZE) {
    await post(commandBody(credentials, 'batchadd', toSend.slice(start, start + BATCH_SIZE).map(wireUser)));
  }
  // The provider's read-back stops once it has found every user it sent.
  let found = 0;
  await rawPages(post, credentials, PAGE_SIZE, (page) => {
    for (const user of usersOf(page)) if (wanted.has(user.username)) found += 1;
    return found < toSend.length;
  });
  return found;
}

export async function benchCreateUsers(
  host: SimulatorHost,
  gc: (() => void) | undefined,
): Promise<BenchSection> {
  const users = newUsers(CREATE_USERS);
  const sample = newUsers(ONE_PER_CALL_SAMPLE);
  const counts: CallCounts[] = [];
  const sent = new Map<string, string[]>();

  // Every run gets a fresh, empty simulator: identical work each time. Setup is not timed.
  const provider = async (): Promise<number> => {
    const simulator = await host.simulator();
    const connection = await connectProvider(simulator);
    const before = (await simulator.requests()).length;
    const started = performance.now();
    const result = await connection.directory.createUsers(users);
    const elapsed = performance.now() - started;
    if (result.succeeded !== users.length) throw new Error(`createUsers created ${result.succeeded} users`);
    const commands = (await simulator.requests()).slice(before).map((request) => request.cmd);
    counts.push({ writes: commands.filter((cmd) => cmd === 'batchadd').length, total: commands.length });
    await connection.close();
    await simulator.close();
    return elapsed;
  };
  const raw = async (): Promise<number> => {
    const simulator = await host.simulator();
    const started = performance.now();
    const found = await rawCreate(rawPost(simulator.url), simulator.credentials, users);
    const elapsed = performance.now() - started;
    if (found !== users.length) throw new Error(`raw loop read back ${found} users`);
    await simulator.close();
    return elapsed;
  };
  // The cheapest way to create users one per call: one raw `batchadd` per user, nothing else.
  const rawOnePerCall = async (): Promise<number> => {
    const simulator = await host.simulator();
    const post = rawPost(simulator.url);
    const started = performance.now();
    for (const user of sample) await post(commandBody(simulator.credentials, 'batchadd', [wireUser(user)]));
    const elapsed = performance.now() - started;
    await simulator.close();
    return elapsed;
  };
  // What an application would otherwise write: the provider's `createUser` in a loop.
  const providerOnePerCall = async (): Promise<number> => {
    const simulator = await host.simulator();
    const connection = await connectProvider(simulator);
    const started = performance.now();
    for (const user of sample) await connection.directory.createUser(user);
    const elapsed = performance.now() - started;
    await connection.close();
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
      { name: 'rawOnePerCall', run: rawOnePerCall },
      { name: 'providerOnePerCall', run: providerOnePerCall },
    ],
    CREATE_RUNS,
    () => gc?.(),
    CREATE_WARM_UPS,
  );
  assertSameBodies('createUsers', sent.get('provider') ?? [], sent.get('raw') ?? []);

  const providerMs = timings.get('provider')!.median;
  const rawMs = timings.get('raw')!.median;
  const perUser = CREATE_USERS / ONE_PER_CALL_SAMPLE;
  const rawOnePerCallMs = timings.get('rawOnePerCall')!.median * perUser;
  const providerOnePerCallMs = timings.get('providerOnePerCall')!.median * perUser;
  const writeTarget = Math.ceil(CREATE_USERS / BATCH_SIZE);
  const callBound = writeTarget + Math.ceil(CREATE_USERS / PAGE_SIZE) + 2;
  // Every run is counted; the table shows the costliest one.
  const { writes, total } = counts.reduce((worst, run) => (run.total > worst.total ? run : worst));
  const writesAlwaysExact = counts.every((run) => run.writes === writeTarget);
  const label = `createUsers ${count(CREATE_USERS)}`;
  const estimate = `est. from ${count(ONE_PER_CALL_SAMPLE)} users x${perUser}`;
  const notes = [
    samplesNote(`${label} via the provider`, timings.get('provider')!),
    samplesNote(
      `${label} raw fetch loop (same ${total} requests, bodies compared byte for byte)`,
      timings.get('raw')!,
    ),
    samplesNote(`${count(ONE_PER_CALL_SAMPLE)} users, one raw batchadd each`, timings.get('rawOnePerCall')!),
    samplesNote(
      `${count(ONE_PER_CALL_SAMPLE)} users, provider createUser each`,
      timings.get('providerOnePerCall')!,
    ),
    `One-user-per-call times are measured on ${count(ONE_PER_CALL_SAMPLE)} users into an empty company and scaled x${perUser} to ${count(CREATE_USERS)} (linear: one call per user); a raw call costs ${(timings.get('rawOnePerCall')!.median / ONE_PER_CALL_SAMPLE).toFixed(2)} ms round trip here.`,
  ];
  const rows = [
    {
      measurement: `${label}: batchadd calls`,
      value: count(writes),
      baseline: `ceil(N/${BATCH_SIZE}) = ${writeTarget}`,
      ratio: '-',
      target: `= ${writeTarget}`,
      pass: writesAlwaysExact,
    },
    {
      measurement: `${label}: all calls (read-backs incl.)`,
      value: count(total),
      baseline: `bound ${writeTarget} + ${Math.ceil(CREATE_USERS / PAGE_SIZE)} + 2 = ${callBound}`,
      ratio: '-',
      target: `<= ${callBound}`,
      pass: counts.every((run) => run.total <= callBound),
    },
    {
      measurement: `${label}: wall time vs raw fetch loop`,
      value: ms(providerMs),
      baseline: ms(rawMs),
      ratio: times(providerMs / rawMs),
      target: `<= ${times(TARGETS.createVsRaw)}`,
      pass: providerMs / rawMs <= TARGETS.createVsRaw,
    },
    {
      measurement: `${label}: speed-up vs 1 raw batchadd/user`,
      value: ms(providerMs),
      baseline: `${ms(rawOnePerCallMs)} (${estimate})`,
      ratio: `${times(rawOnePerCallMs / providerMs)} faster`,
      target: `>= ${times(TARGETS.createVsOnePerCall)} faster`,
      pass: rawOnePerCallMs / providerMs >= TARGETS.createVsOnePerCall,
    },
    {
      measurement: `${label}: speed-up vs createUser/user`,
      value: ms(providerMs),
      baseline: `${ms(providerOnePerCallMs)} (${estimate})`,
      ratio: `${times(providerOnePerCallMs / providerMs)} faster`,
      target: '(information)',
    },
  ];
  return { rows, notes };
}

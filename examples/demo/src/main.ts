// The README's first command: a LastPass "company" on a local simulator, an HR list of 300 people
// (examples/people.csv), and the `provisionkit` command bringing one to match the other, twice,
// then finding what an admin changed by hand. Nothing to install or start besides this.
import 'reflect-metadata';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@provisionkit/cli';
import { readDesiredUsers } from '@provisionkit/core';
import { startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import { seedCompany } from './company-directory.js';
import { nextWeek } from './hr-changes.js';

const PEOPLE = fileURLToPath(new URL('../../people.csv', import.meta.url));

const simulator = await startLastPassSimulator();
const workdir = mkdtempSync(join(tmpdir(), 'provisionkit-demo-'));
const started = performance.now();
try {
  seedCompany(simulator, readDesiredUsers(readFileSync(PEOPLE)).users);
  copyFileSync(PEOPLE, join(workdir, 'people.csv'));
  const env = { ...process.env, ACME_LASTPASS_PROVHASH: simulator.credentials.provhash };
  const io = { stdout: process.stdout, stderr: process.stderr, env, cwd: workdir };

  /** Runs the command in-process, shown as typed; a surprising exit code stops the demo. */
  const provisionkit = async (expected: number, ...args: string[]) => {
    console.log(`\n$ provisionkit ${args.map((arg) => (/[\s{"]/.test(arg) ? `'${arg}'` : arg)).join(' ')}`);
    const code = await runCli(args, io);
    if (code !== expected) throw new Error(`provisionkit ${args[0]} exited ${code}, expected ${expected}`);
  };
  /** The log's current cursor, read quietly. */
  const cursor = async () => {
    let said = '';
    const quiet = {
      ...io,
      stdout: { write: () => true },
      stderr: { write: (text: string) => (said += text) },
    };
    await runCli(['events', 'tail', '-c', 'acme-lastpass'], quiet);
    return /cursor (\d+)/.exec(said)?.[1] ?? '0';
  };

  console.log(
    `LastPass simulator on ${simulator.url}: ${simulator.state.userCount} accounts of Acme, made by hand.`,
  );
  console.log(
    `HR's list: examples/people.csv, ${readDesiredUsers(readFileSync(PEOPLE)).users.length} people. Working in ${workdir}.`,
  );
  await provisionkit(
    0,
    'connections',
    'add',
    'acme-lastpass',
    '--provider',
    'lastpass',
    '--tenant',
    'acme',
    '--set',
    `cid=${simulator.credentials.cid}`,
    '--set',
    `baseUrl=${simulator.url}`,
    '--env',
    'provhash=ACME_LASTPASS_PROVHASH',
    // The local simulator needs none of the pacing a real LastPass account gets (5 requests a second).
    '--set',
    'limits={"maxConcurrent":4,"requestsPerSecond":200}',
  );
  // A first sync remembers LastPass as it is, so every later change becomes an event.
  await provisionkit(0, 'sync');
  // HR's list is the truth: whoever is not on it is suspended (reversible), never removed.
  const plan = ['plan', '--desired', 'people.csv', '--unmatched', 'suspend'];
  await provisionkit(0, ...plan, '--out', 'plan.json', '--rows', '12');
  await provisionkit(0, 'apply', 'plan.json');

  console.log('\nA week later, HR changed a few rows of people.csv:');
  for (const change of nextWeek(join(workdir, 'people.csv'))) console.log(`  ${change}`);
  const before = await cursor();
  await provisionkit(2, ...plan, '--out', 'plan2.json', '--detailed-exitcode');
  await provisionkit(0, 'apply', 'plan2.json');

  const [someone] = simulator.state.listUsers({ disabled: false });
  simulator.state.patchUser(someone!.username, { fullname: 'Renamed By An Admin' });
  console.log(`\nMeanwhile an admin renamed ${someone!.username} in the LastPass console. A sync finds it:`);
  await provisionkit(0, 'sync');
  await provisionkit(0, 'events', 'tail', '-c', 'acme-lastpass', '--after', before);
  await provisionkit(0, 'status');
  console.log(
    `\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s. Next: README.md, packages/cli/README.md.`,
  );
} finally {
  await simulator.close();
  rmSync(workdir, { recursive: true, force: true });
}

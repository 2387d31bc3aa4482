import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LastPassSimulator, startLastPassSimulator } from '@provisionkit/provider-lastpass/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCli,
  type CommandResult,
  finished,
  hasPseudoTerminal,
  onTerminal,
  provisionkit,
  start,
  transcript,
  until,
} from './cli-process.js';

const CANARY = 'canary-provhash-3f9a7c21d4e8b6a05c1e';
const SEEDED = 40;
const WRITES = new Set([
  'batchadd',
  'batchchangegrp',
  'deluser',
  'disableuser',
  'enableuser',
  'updateuser',
  'updateemail',
]);

let simulator: LastPassSimulator;
let directory: string;
const env = { DEMO_LASTPASS_PROVHASH: CANARY };
const run = (...args: string[]): Promise<CommandResult> => provisionkit(args, { cwd: directory, env });
/** Write commands LastPass received, answered or not (a slow answer is logged as a fault). */
const writes = (cmd?: string) =>
  simulator.requests.filter(
    (request) => request.cmd !== null && (cmd === undefined ? WRITES.has(request.cmd) : request.cmd === cmd),
  ).length;

/** A desired list: the first `keep` seeded users, plus `hires` new people named after the file. */
function desired(name: string, keep: number, hires: number): string {
  const people = simulator.state
    .listUsers()
    .slice(0, keep)
    .map((user) => user.username);
  const rows = ['userName,displayName', ...people.map((userName) => `${userName},`)];
  const prefix = name.replace(/\.csv$/, '');
  for (let n = 1; n <= hires; n += 1) rows.push(`${prefix}${n}@demo.example,New Hire ${n}`);
  writeFileSync(join(directory, name), `${rows.join('\n')}\n`);
  return name;
}

beforeAll(async () => {
  buildCli();
  directory = mkdtempSync(join(tmpdir(), 'pk-cli-'));
  simulator = await startLastPassSimulator({ provhash: CANARY, seed: { users: SEEDED, random: 3 } });
  const added = await run(
    'connections',
    'add',
    'demo',
    '--provider',
    'lastpass',
    '--tenant',
    'demo',
    '--set',
    `cid=${simulator.credentials.cid}`,
    '--set',
    `baseUrl=${simulator.url}`,
    '--env',
    'provhash=DEMO_LASTPASS_PROVHASH',
    // A local simulator needs no pacing: the default (5 requests a second) would only slow the tests.
    '--set',
    'limits={"maxConcurrent":4,"requestsPerSecond":200}',
  );
  expect(added).toMatchObject({ code: 0 });
}, 120_000);

afterAll(async () => {
  await simulator?.close();
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
});

// Each test spawns the command several times: generous under a loaded machine, about 35 s in all.
describe('provisionkit (the built command)', { timeout: 90_000 }, () => {
  it('plans with Terraform exit codes, holds a mass change, applies on approval, then has nothing to do', async () => {
    const file = desired('people.csv', 30, 5);
    const plan = await run(
      'plan',
      '--desired',
      file,
      '--unmatched',
      'suspend',
      '--out',
      'plan.json',
      '--detailed-exitcode',
    );
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/Plan: 5 create, .*suspend\./);
    expect(plan.stdout).toContain('HELD by the mass-change guard');
    const before = writes();
    const held = await run('apply', 'plan.json');
    expect(held.code).toBe(4);
    expect(held.stdout).toContain('HELD by the mass-change guard: nothing was written');
    expect(writes()).toBe(before);
    const applied = await run('apply', 'plan.json', '--approve-mass-change', '--json');
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ status: 'applied', failed: 0, pending: 0 });
    const again = await run('plan', '--desired', file, '--unmatched', 'suspend', '--detailed-exitcode');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  it('refuses a stale plan with exit 5 and one line, writing nothing', async () => {
    const file = desired('stale.csv', 30, 6);
    expect((await run('plan', '--desired', file, '--out', 'stale.json')).code).toBe(0);
    simulator.state.addUser({ username: 'console.hire@demo.example', fullname: 'Added In The Console' });
    const before = writes();
    const stale = await run('apply', 'stale.json');
    expect(stale.code).toBe(5);
    expect(stale.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^error: conflict: The plan is stale: demo\/lastpass changed since it was planned \(plan again\)$/,
      ),
    ]);
    expect(writes()).toBe(before);
  });

  it('finishes an apply killed mid-way (SIGKILL) when run again, sending no write twice', async () => {
    const file = desired('hires.csv', 0, 40);
    expect((await run('plan', '--desired', file, '--out', 'hires.json')).code).toBe(0);
    simulator.faults.rate(1, { kind: 'slow', delayMs: 300 }, { cmd: 'batchadd' });
    const batches = writes('batchadd');
    const child = start(['apply', 'hires.json', '--batch-size', '5', '--concurrency', '1'], {
      cwd: directory,
      env,
    });
    const journal = new Database(join(directory, '.provisionkit/state.db'), {
      readonly: true,
      fileMustExist: false,
    });
    const planId = JSON.parse(readFileSync(join(directory, 'hires.json'), 'utf8')).id;
    const count = (status: string) =>
      (
        journal
          .prepare('select count(*) as n from pk_apply_entries where plan_id = ? and status = ?')
          .get(planId, status) as { n: number }
      ).n;
    try {
      // Killed while a batch is in flight: journaled, written by LastPass, its answer not back yet.
      const created = () =>
        simulator.state.listUsers().filter((user) => user.username.startsWith('hires')).length;
      await until(() => {
        try {
          return count('in_flight') > 0 && created() > count('done');
        } catch {
          return false; // the tables are created by the child's first migration
        }
      });
      child.kill('SIGKILL');
      const killed = await finished(child);
      expect(killed.code).toBeNull();
      expect(count('in_flight')).toBeGreaterThan(0);
    } finally {
      journal.close();
    }
    simulator.faults.clear();
    const resumed = await run('apply', 'hires.json', '--batch-size', '5', '--json');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      status: 'applied',
      resumed: true,
      done: 40,
      failed: 0,
    });
    // Nothing sent twice: LastPass would have refused the in-flight batch's users as existing.
    expect(writes('batchadd') - batches).toBeLessThanOrEqual(8);
    for (let n = 1; n <= 40; n += 1)
      expect(simulator.state.getUserByName(`hires${n}@demo.example`)).toBeDefined();
  });

  it('syncs, and events tail --follow prints the changes it finds', async () => {
    expect((await run('sync')).code).toBe(0);
    const tail = await run('events', 'tail', '-c', 'demo');
    const cursor = /cursor (\d+)/.exec(tail.stderr)![1]!;
    const follower = start(
      ['events', 'tail', '-c', 'demo', '--follow', '--json', '--interval', '100', '--after', cursor],
      {
        cwd: directory,
        env,
      },
    );
    const [someone] = simulator.state.listUsers().filter((user) => !user.disabled);
    simulator.state.patchUser(someone!.username, { fullname: 'Renamed In The Console' });
    const synced = await run('sync');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toMatch(/demo: completed \(\d+ listed, 0 created, 1 updated, 0 deleted\)/);
    await until(() => follower.output.stdout.includes('"user.updated"'));
    follower.kill('SIGTERM');
    const stopped = await finished(follower);
    expect(stopped.code).toBe(0);
    const lines = stopped.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((event) => [event.type, event.source])).toEqual([
      ['user.updated', 'sync'],
      ['sync.completed', 'sync'],
    ]);
    expect(lines[0].data.changes.map((change: { field: string }) => change.field)).toContain('displayName');
  });

  it('holds a sync that would delete too many (exit 4) until approved', async () => {
    const present = simulator.state.listUsers();
    for (const user of present.slice(0, Math.ceil(present.length * 0.3)))
      simulator.state.removeUser(user.username, 'deleted');
    const held = await run('sync');
    expect(held.code).toBe(4);
    const runId = /--approve (run_\w+)/.exec(held.stdout)![1]!;
    const status = await run('status');
    expect(status.code).toBe(4);
    expect(status.stdout).toContain(`held ${runId}`);
    const approved = await run('sync', '--approve', runId);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('completed');
  });

  it('prints errors as one line with a code and what to do; --verbose adds the stack, never the secret', async () => {
    const missing = await run('plan', '--desired', 'nope.csv');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^error: invalid_input: No such file: .*nope\.csv \(check the arguments/);
    const wrong = { DEMO_LASTPASS_PROVHASH: 'not-the-right-hash-at-all-00000' };
    const refused = await provisionkit(['users', 'list', '-c', 'demo'], { cwd: directory, env: wrong });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: authentication: .*\(check the connection credentials/),
    ]);
    const verbose = await run('--verbose', 'users', 'get', 'nobody@demo.example', '-c', 'demo');
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/error: not_found: /);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    const listed = await run('--verbose', 'connections', 'list', '--json');
    expect(JSON.parse(listed.stdout).connections[0].config.provhash).toBe('$DEMO_LASTPASS_PROVHASH');
  });

  it('stops quietly when the reader of its output goes away (| head)', async () => {
    const child = start(['users', 'list', '-c', 'demo'], { cwd: directory, env });
    // The pipe is closed before the command writes: its first line meets EPIPE.
    child.stdout!.destroy();
    const stopped = await finished(child);
    expect(stopped.code).toBe(141);
    expect(stopped.stderr).toBe('');
  });

  it.skipIf(!hasPseudoTerminal())('draws progress (listing, then applying) on a terminal only', async () => {
    const file = desired('bar.csv', 0, 12);
    const planned = await onTerminal(['plan', '--desired', file, '--out', 'bar.json'], {
      cwd: directory,
      env,
    });
    expect(planned.code).toBe(0);
    expect(planned.output).toMatch(/plan demo\/lastpass: \d+ users listed \| [\d.]+\/s/);
    const applied = await onTerminal(['apply', 'bar.json', '--batch-size', '3', '--concurrency', '1'], {
      cwd: directory,
      env,
    });
    expect(applied.code).toBe(0);
    expect(applied.output).toMatch(/apply .*12\/12 \| 0 failed \| [\d.]+\/s/);
    const file2 = desired('nobar.csv', 0, 14);
    const plannedInPipe = await run('plan', '--desired', file2, '--out', 'nobar.json');
    expect(plannedInPipe.code).toBe(0);
    expect(plannedInPipe.stderr).toBe('');
    const piped = await run('apply', 'nobar.json');
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toContain('/s');
  });

  it.skipIf(!hasPseudoTerminal())(
    'draws sync listing progress on a terminal only, never with --json',
    async () => {
      simulator.state.patchUser(simulator.state.listUsers()[0]!.username, { fullname: 'Seen On A Terminal' });
      const synced = await onTerminal(['sync', '--mode', 'full'], { cwd: directory, env });
      expect(synced.code).toBe(0);
      expect(synced.output).toMatch(/sync demo\/lastpass: \d+ users listed \| [\d.]+\/s/);
      expect(synced.output).toMatch(/demo: completed \(\d+ listed, 0 created, 1 updated, 0 deleted\)/);
      const json = await onTerminal(['sync', '--mode', 'full', '--json'], { cwd: directory, env });
      expect(json.code).toBe(0);
      expect(json.output).not.toContain('users listed');
      expect(JSON.parse(json.output).runs[0]).toMatchObject({ connection: 'demo', status: 'completed' });
      const piped = await run('sync', '--mode', 'full');
      expect(piped.code).toBe(0);
      expect(piped.stderr).toBe('');
      expect(piped.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^demo: completed \(/)]);
    },
  );

  it('simulate lastpass starts a simulator, prints how to connect, and stops on Ctrl+C', async () => {
    const child = start(['simulate', 'lastpass', '--users', '5'], {
      cwd: directory,
      env: { PROVISIONKIT_SIMULATOR_PROVHASH: 'simulator-own-demo-hash-1234' },
    });
    await until(() => child.output.stdout.includes('Ctrl+C to stop.'));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/enterpriseapi\.php)/.exec(child.output.stdout)![1]!;
    expect(child.output.stdout).toContain('provisionkit connections add demo-lastpass --provider lastpass');
    const answer = await fetch(url, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(200);
    child.kill('SIGINT');
    expect((await finished(child)).code).toBe(0);
  });

  it('never printed the connection secret, in any output of any command', () => {
    expect(transcript.length).toBeGreaterThan(20);
    for (const output of transcript) expect(output).not.toContain(CANARY.slice(0, 12));
  });
});

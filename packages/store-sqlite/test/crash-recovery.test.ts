import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStateStore } from '../src/index.js';
import { connectScenario, REMOVED, UPDATED, USERS } from './fixtures/crash-scenario.js';

const directory = mkdtempSync(join(tmpdir(), 'pk-store-crash-'));
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Waits until the file shows staged changes of a running run (read through a second connection). */
async function untilStaged(path: string, exited: () => boolean): Promise<number> {
  const reader = new Database(path, { readonly: true });
  try {
    for (let tries = 0; tries < 500; tries += 1) {
      if (exited()) throw new Error('the sync finished before it could be killed');
      const { count } = reader.prepare('select count(*) as count from pk_staged_changes').get() as {
        count: number;
      };
      if (count > 0) return count;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    reader.close();
  }
  throw new Error('no changes were staged');
}

describe('SQLite state store', () => {
  it('loses nothing and commits nothing of a sync whose process is killed mid-run; the next run starts clean', async () => {
    const path = join(directory, 'crash.db');
    const baseline = await openSqliteStateStore({ path });
    const before = await connectScenario(baseline, false);
    expect((await before.kit.sync(before.connection)).counts.created).toBe(USERS);
    const cursor = await baseline.lastCursor();
    await baseline.close();

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@provisionkit/source', 'test/fixtures/crashing-sync.ts', path],
      // The root tsconfig covers every package's sources (decorators included), as for the bench.
      {
        cwd: PACKAGE,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, TSX_TSCONFIG_PATH: '../../tsconfig.json' },
      },
    );
    let exitCode: number | null | undefined;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        exitCode = code ?? (signal === null ? null : -1);
        resolve();
      }),
    );
    const staged = await untilStaged(path, () => exitCode !== undefined);
    child.kill('SIGKILL');
    await exited;
    expect(staged).toBeGreaterThan(0);
    expect(exitCode).toBe(-1);

    const store = await openSqliteStateStore({ path });
    const after = await connectScenario(store, true);
    const run = await after.kit.sync(after.connection, { mode: 'full' });
    expect(run).toMatchObject({
      status: 'completed',
      counts: { updated: UPDATED, deleted: REMOVED, created: 0 },
    });
    const events = (await store.listEvents({ tenant: 'acme', after: cursor, limit: 5000 })).map((event) => ({
      type: event.type,
      runId: 'runId' in event ? event.runId : undefined,
      reason: event.type === 'sync.failed' ? event.data.reason : undefined,
    }));
    expect(events[0]).toMatchObject({ type: 'sync.failed', reason: 'interrupted' });
    const crashedRun = events[0]!.runId;
    expect(events.filter((event) => event.runId === crashedRun)).toHaveLength(1);
    expect(events.slice(1).every((event) => event.runId === run.id)).toBe(true);
    expect(events.filter((event) => event.type === 'user.updated')).toHaveLength(UPDATED);
    expect(events.filter((event) => event.type === 'user.deleted')).toHaveLength(REMOVED);
    const runs = await after.kit.listSyncRuns({ tenant: 'acme', provider: 'mock' });
    expect(runs.map((item) => [item.status, item.reason])).toEqual([
      ['completed', undefined],
      ['failed', 'interrupted'],
      ['completed', undefined],
    ]);
    expect(await store.listStagedChanges(crashedRun!, { limit: 10 })).toEqual([]);
    await store.close();
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteThread, SqliteThreadError } from './sqlite-thread.js';

const directory = mkdtempSync(join(tmpdir(), 'pk-sqlite-thread-'));
const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function opened(name: string): Promise<SqliteThread> {
  const thread = new SqliteThread();
  await thread.open(join(directory, name), 1_000, ['journal_mode = WAL']);
  return thread;
}

describe('SqliteThread', () => {
  it('runs statements in order and answers rows for a query, changes for anything else', async () => {
    const thread = await opened('order.db');
    await thread.query('create table t (id integer primary key, name text)', []);
    const writes = ['ada', 'grace', 'edsger'].map((name) =>
      thread.query('insert into t (name) values (?)', [name]),
    );
    expect((await Promise.all(writes)).map((result) => result.lastInsertRowid)).toEqual([1, 2, 3]);
    expect(await thread.query('update t set name = upper(name) where id > ?', [1])).toMatchObject({
      changes: 2,
    });
    expect((await thread.query('select name from t order by id', [])).rows).toEqual([
      { name: 'ada' },
      { name: 'GRACE' },
      { name: 'EDSGER' },
    ]);
    await thread.close();
  });

  it("fails with SQLite's code alone, never its message (which quotes the SQL)", async () => {
    const thread = await opened('errors.db');
    const error = await thread.query('select * from table_named_secret_canary', []).catch((caught) => caught);
    expect(error).toBeInstanceOf(SqliteThreadError);
    expect(error).toMatchObject({ code: 'SQLITE_ERROR' });
    expect(String(error.message)).not.toContain('secret_canary');
    await thread.close();
  });

  it('reports a file it cannot open as SQLITE_CANTOPEN, even when the driver gives no code', async () => {
    const thread = new SqliteThread();
    const error = await thread
      .open(join(directory, 'no-such-folder', 'x.db'), 1_000, [])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'SQLITE_CANTOPEN' });
    await thread.close();
  });

  it('fails every request after it closed, without waiting', async () => {
    const thread = await opened('closed.db');
    await thread.close();
    await expect(thread.query('select 1', [])).rejects.toMatchObject({ code: 'SQLITE_THREAD_EXITED' });
    await thread.close();
  });

  it('holds the process while a statement waits for its answer, and not once it is idle', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@provisionkit/source',
        'test/fixtures/unclosed-store.ts',
        join(directory, 'unclosed.db'),
      ],
      {
        cwd: PACKAGE,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, TSX_TSCONFIG_PATH: '../../tsconfig.json' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = await once(child, 'exit');
    clearTimeout(timer);
    // Exit code 13 would be a top-level await left unsettled: the process ended mid-statement.
    expect({ code, signal, output: output.trim() }).toEqual({ code: 0, signal: null, output: 'listed 1' });
  }, 30_000);
});

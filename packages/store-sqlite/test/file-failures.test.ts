import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProvisioningError } from '@provisionkit/core';
import Database from 'better-sqlite3';
import { Kysely, type Migration, Migrator, SqliteDialect } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  MIGRATION_LOCK_TABLE,
  MIGRATION_TABLE,
  MIGRATIONS,
  openSqliteStateStore as openStore,
  type SqliteStateStoreOptions,
} from '../src/index.js';
import { KEY, USER } from './fixtures/stored-user.js';

const directory = mkdtempSync(join(tmpdir(), 'pk-store-failures-'));
let counter = 0;
const children: ChildProcess[] = [];

function freshPath(): string {
  counter += 1;
  return join(directory, `store-${counter}.db`);
}

async function failure(promise: Promise<unknown>): Promise<ProvisioningError> {
  try {
    await promise;
  } catch (error) {
    return error as ProvisioningError;
  }
  throw new Error('expected a failure');
}

/** Starts another process that takes the file's write lock and resolves once it holds it. */
async function lockInAnotherProcess(path: string): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./fixtures/hold-write-lock.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, path], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

async function release(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin?.end();
  await exited;
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) await release(child);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Both ways of running SQLite: on the calling thread (the default) and on a thread of its own.
for (const ownThread of [false, true]) {
  describe(`openSqliteStateStore${ownThread ? ', on its own thread' : ''}`, () => {
    const openSqliteStateStore = (options: SqliteStateStoreOptions) => openStore({ ownThread, ...options });

    it('keeps what it stored across a close and a reopen, in one file', async () => {
      const path = freshPath();
      const first = await openSqliteStateStore({ path });
      await first.recordUserWrites(KEY, [{ kind: 'upsert', user: USER }], '2024-05-11T10:00:00.000Z');
      await first.close();
      const second = await openSqliteStateStore({ path });
      expect((await second.findSnapshotRow(KEY, { id: 'u-1' }))?.version).toBe(1);
      expect(await second.listEvents({ tenant: 'acme', limit: 10 })).toHaveLength(1);
      await second.close();
      expect(readFileSync(path).subarray(0, 15).toString()).toBe('SQLite format 3');
    });

    it('fails with unreadable for a path it cannot open', async () => {
      const folder = join(directory, `a-folder-${ownThread}`);
      mkdirSync(folder);
      for (const path of [folder, join(directory, 'missing', 'store.db')]) {
        const error = await failure(openSqliteStateStore({ path }));
        expect(error).toMatchObject({
          code: 'unavailable',
          retryable: false,
          details: { reason: 'unreadable' },
        });
      }
    });

    it('fails with corrupt for a file that is not a database', async () => {
      const path = freshPath();
      const store = await openSqliteStateStore({ path });
      await store.recordUserWrites(KEY, [{ kind: 'upsert', user: USER }], '2024-05-11T10:00:00.000Z');
      await store.close();
      const bytes = readFileSync(path);
      bytes.write('this is not a sqlite file at all, it was overwritten', 0);
      writeFileSync(path, bytes);
      const error = await failure(openSqliteStateStore({ path }));
      expect(error).toMatchObject({ code: 'unavailable', retryable: false, details: { reason: 'corrupt' } });
      writeFileSync(join(directory, 'text.db'), 'hello');
      const text = await failure(openSqliteStateStore({ path: join(directory, 'text.db') }));
      expect(text.details).toMatchObject({ reason: 'corrupt' });
    });

    it('refuses a file migrated by a newer version, leaving it as it was', async () => {
      const path = freshPath();
      await (await openSqliteStateStore({ path })).close();
      const future: Migration = {
        up: async (db) => {
          await db.schema.createTable('pk_future').addColumn('id', 'integer').execute();
        },
      };
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(path) }) });
      const migrated = await new Migrator({
        db,
        provider: { getMigrations: async () => ({ ...MIGRATIONS, '999-future': future }) },
        migrationTableName: MIGRATION_TABLE,
        migrationLockTableName: MIGRATION_LOCK_TABLE,
      }).migrateToLatest();
      expect(migrated.error).toBeUndefined();
      await db.destroy();
      const error = await failure(openSqliteStateStore({ path }));
      expect(error).toMatchObject({
        code: 'unavailable',
        retryable: false,
        details: { reason: 'newer_schema', migrations: ['999-future'] },
      });
      const check = new Database(path, { readonly: true });
      expect(check.prepare(`select name from ${MIGRATION_TABLE} order by name`).all()).toEqual(
        [...Object.keys(MIGRATIONS), '999-future'].map((name) => ({ name })),
      );
      check.close();
    });

    it('fails with locked, retryable, while another process holds the write lock, and works once it lets go', async () => {
      const path = freshPath();
      await (await openSqliteStateStore({ path })).close();
      const holder = await lockInAnotherProcess(path);
      const store = await openSqliteStateStore({ path, busyTimeoutMs: 100 });
      expect(await store.countSnapshotRows(KEY)).toBe(0);
      const error = await failure(
        store.recordUserWrites(KEY, [{ kind: 'upsert', user: USER }], '2024-05-11T10:00:00.000Z'),
      );
      expect(error).toMatchObject({ code: 'unavailable', retryable: true, details: { reason: 'locked' } });
      await release(holder);
      await store.recordUserWrites(KEY, [{ kind: 'upsert', user: USER }], '2024-05-11T10:00:00.000Z');
      expect(await store.countSnapshotRows(KEY)).toBe(1);
      await store.close();
    });

    it('fails to open a new file with locked while another process holds it', async () => {
      const path = freshPath();
      const holder = await lockInAnotherProcess(path);
      const error = await failure(openSqliteStateStore({ path, busyTimeoutMs: 100 }));
      expect(error).toMatchObject({ code: 'unavailable', details: { reason: 'locked' } });
      await release(holder);
      await (await openSqliteStateStore({ path })).close();
    });

    it('validates its options', async () => {
      const error = await failure(openSqliteStateStore({ path: '' }));
      expect(error.code).toBe('invalid_input');
    });
  });
}

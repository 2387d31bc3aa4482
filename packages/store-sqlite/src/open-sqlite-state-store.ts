import { closeSync, openSync } from 'node:fs';
import type { StateStore } from '@provisionkit/core';
import { parseInput } from '@provisionkit/core';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { z } from 'zod';
import { createKyselyStateStore } from './kysely/create-kysely-state-store.js';
import type { StoreDatabase } from './kysely/database.js';
import { migrateStateStore } from './migrations/migrate-state-store.js';
import { toStoreError } from './sqlite-errors.js';
import { cacheStatements } from './statement-cache.js';
import { SqliteThread } from './thread/sqlite-thread.js';
import { ThreadDialect } from './thread/thread-dialect.js';

export const SqliteStateStoreOptions = z.strictObject({
  /** The database file; created (mode 0600: it holds webhook secrets) when missing. */
  path: z.string().min(1),
  /** How long a write waits for another process's lock before failing with `locked`. Default 5 s. */
  busyTimeoutMs: z.number().int().nonnegative().default(5_000),
  /**
   * Run SQLite on a thread of its own: its statements then never hold the host's event loop, at
   * the price of copying every statement and its rows between threads (more CPU in all). Default
   * `false`: on the calling thread, which is cheaper when the process is busy anyway.
   */
  ownThread: z.boolean().default(false),
});
export type SqliteStateStoreOptions = z.input<typeof SqliteStateStoreOptions>;

/**
 * Opens (creating or migrating) the SQLite state store at `path`: WAL journaling, so readers
 * never wait for the writer, and every state change in one transaction. Fails with
 * `UnavailableError` whose `details.reason` is `unreadable`, `locked`, `corrupt` or `newer_schema`.
 */
export async function openSqliteStateStore(options: SqliteStateStoreOptions): Promise<StateStore> {
  const { path, busyTimeoutMs, ownThread } = parseInput(SqliteStateStoreOptions, options, {
    argument: 'options',
  });
  if (ownThread) return openOnOwnThread(path, busyTimeoutMs);
  let database: Database.Database;
  try {
    if (path !== ':memory:') closeSync(openSync(path, 'a', 0o600));
    database = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw toStoreError(error, 'unreadable');
  }
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) });
  try {
    for (const pragma of PRAGMAS) database.pragma(pragma);
    await migrateStateStore(db as Kysely<unknown>);
    cacheStatements(database);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw toStoreError(error);
  }
  return createKyselyStateStore(db, { mapError: (error) => toStoreError(error) });
}

// Reading the header (the journal mode) makes a foreign or damaged file fail at once, as `corrupt`.
const PRAGMAS = ['journal_mode = WAL', 'foreign_keys = ON'];

async function openOnOwnThread(path: string, busyTimeoutMs: number): Promise<StateStore> {
  try {
    if (path !== ':memory:') closeSync(openSync(path, 'a', 0o600));
  } catch (error) {
    throw toStoreError(error, 'unreadable');
  }
  const thread = new SqliteThread();
  try {
    await thread.open(path, busyTimeoutMs, PRAGMAS);
  } catch (error) {
    await thread.close().catch(() => undefined);
    throw toStoreError(error);
  }
  const db = new Kysely<StoreDatabase>({ dialect: new ThreadDialect(thread) });
  try {
    await migrateStateStore(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw toStoreError(error);
  }
  return createKyselyStateStore(db, { mapError: (error) => toStoreError(error) });
}

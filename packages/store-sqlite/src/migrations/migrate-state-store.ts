import { UnavailableError } from '@provisionkit/core';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations.js';

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => ({ ...MIGRATIONS }),
};

/** The migration bookkeeping tables; prefixed like the store's own. */
export const MIGRATION_TABLE = 'pk_migration';
export const MIGRATION_LOCK_TABLE = 'pk_migration_lock';

/**
 * Brings a database up to this version's schema with Kysely's `Migrator`. A database that already
 * ran a migration this version does not know was written by a newer version: it is refused with
 * `UnavailableError` (`details.reason: 'newer_schema'`) before anything is changed.
 */
export async function migrateStateStore(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const known = new Set(Object.keys(MIGRATIONS));
  const unknown = await executedUnknown(db, known);
  if (unknown.length > 0) {
    throw new UnavailableError('The state store file was written by a newer version of provisionkit', {
      retryable: false,
      details: { reason: 'newer_schema', migrations: unknown },
    });
  }
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

async function executedUnknown(db: Kysely<unknown>, known: ReadonlySet<string>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === MIGRATION_TABLE)) return [];
  const rows = (await db
    .selectFrom(MIGRATION_TABLE as never)
    .select('name' as never)
    .execute()) as { name: string }[];
  return rows.map((row) => row.name).filter((name) => !known.has(name));
}

export { createKyselyStateStore, type KyselyStateStoreOptions } from './kysely/create-kysely-state-store.js';
export type { StoreDatabase } from './kysely/database.js';
export {
  MIGRATION_LOCK_TABLE,
  MIGRATION_TABLE,
  migrateStateStore,
} from './migrations/migrate-state-store.js';
export { MIGRATIONS } from './migrations/migrations.js';
export { openSqliteStateStore, SqliteStateStoreOptions } from './open-sqlite-state-store.js';
export { type SqliteFailure, toStoreError } from './sqlite-errors.js';

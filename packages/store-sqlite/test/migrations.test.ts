import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, MIGRATIONS, openSqliteStateStore } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'pk-store-migrations-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('openSqliteStateStore', () => {
  describe('migrations', () => {
    it('brings a file of the first schema to the current one, keeping its webhook records', async () => {
      const path = join(directory, 'first-schema.db');
      const database = new Database(path);
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) });
      const migrated = await new Migrator({
        db,
        provider: {
          getMigrations: async () => ({ '001-initial-schema': MIGRATIONS['001-initial-schema']! }),
        },
        migrationTableName: MIGRATION_TABLE,
        migrationLockTableName: MIGRATION_LOCK_TABLE,
      }).migrateToLatest();
      expect(migrated.error).toBeUndefined();
      database
        .prepare(
          `insert into pk_webhook_subscriptions (id, tenant, provider, url, event_types, secrets, status, disabled_reason, disabled_at, cursor, created_at, updated_at)
           values ('wh-1', 'acme', null, 'https://hooks.example.com/in', null, ?, 'enabled', null, null, '0', ?, ?)`,
        )
        .run(
          JSON.stringify([
            { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: '2024-05-11T10:00:00.000Z' },
          ]),
          '2024-05-11T10:00:00.000Z',
          '2024-05-11T10:00:00.000Z',
        );
      await db.destroy();

      const store = await openSqliteStateStore({ path });
      const subscription = await store.getWebhookSubscription('wh-1');
      expect(subscription).toMatchObject({ id: 'wh-1', status: 'enabled', cursor: '0' });
      expect(subscription?.failingSince).toBeUndefined();
      await store.close();
      const check = new Database(path, { readonly: true });
      const names = check.prepare(`select name from ${MIGRATION_TABLE} order by name`).all();
      const indexes = check
        .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'pk_webhook_deliveries'")
        .all()
        .map((row) => (row as { name: string }).name);
      check.close();
      expect(names).toEqual(Object.keys(MIGRATIONS).map((name) => ({ name })));
      expect(indexes).toContain('pk_webhook_deliveries_pending');
      expect(indexes).not.toContain('pk_webhook_deliveries_claim');
      expect(indexes).not.toContain('pk_webhook_deliveries_due');
    });

    it("lets a full sync's snapshot scan read the hash index alone, never the rows", async () => {
      const path = join(directory, 'scan-plan.db');
      const store = await openSqliteStateStore({ path });
      await store.close();
      const check = new Database(path, { readonly: true });
      // The statement `scanSnapshotHashes` runs, as Kysely compiles it.
      const plan = check
        .prepare(
          'explain query plan select "user_id", "hash" from "pk_snapshot_users" where "tenant" = ? and "provider" = ? and "user_id" > ? order by "user_id" limit ?',
        )
        .all('acme', 'mock', '', 5000)
        .map((row) => (row as { detail: string }).detail);
      check.close();
      expect(plan).toEqual([
        'SEARCH pk_snapshot_users USING COVERING INDEX pk_snapshot_users_hashes (tenant=? AND provider=? AND user_id>?)',
      ]);
    });
  });
});

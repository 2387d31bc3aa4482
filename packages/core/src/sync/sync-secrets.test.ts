import { describe, expect, it } from 'vitest';
import { API_KEY, mockId, syncFixture } from './sync-test-helpers.js';

const PASSWORD = 'canary-password-4c2f9e1a';

describe('SyncEngine', () => {
  describe('secrets', () => {
    it('never stores or logs a password, a config secret or a secret-named attribute', async () => {
      const { kit, connection, admin, store, newEvents } = await syncFixture(2);
      await connection.directory.createUser({ userName: 'ada@acme.example', password: PASSWORD });
      // A provider that echoes the connection's API key into a field, and an attribute the
      // sensitivity table calls secret: neither may reach the snapshot or the log.
      await admin.updateUser(
        { id: mockId(1) },
        { givenName: `key ${API_KEY}`, attributes: { apiToken: 'x', token: 'tok-5d8e2a' } },
      );
      await kit.sync(connection, { mode: 'full' });
      await admin.updateUser({ id: mockId(2) }, { displayName: API_KEY });
      await kit.sync(connection, { mode: 'full' });
      const events = await newEvents();
      const rows = await store.listSnapshotRows({ tenant: 'acme', provider: 'mock' }, { limit: 100 });
      const runs = await kit.listSyncRuns({ tenant: 'acme', provider: 'mock' });
      const everything = JSON.stringify({ events, rows, runs });
      for (const secret of [PASSWORD, API_KEY, 'tok-5d8e2a']) {
        expect(everything).not.toContain(secret);
        expect(everything).not.toContain(Buffer.from(secret).toString('base64').slice(0, 16));
        expect(everything).not.toContain(secret.slice(0, 12));
      }
      const ada = rows.find((row) => row.userId === mockId(1));
      expect(JSON.parse(ada!.content)).toMatchObject({
        givenName: 'key [REDACTED]',
        attributes: { token: '[REDACTED]' },
      });
    });
  });
});

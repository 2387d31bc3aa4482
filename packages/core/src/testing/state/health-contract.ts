import { describe, expect, it } from 'vitest';
import { ProvisionEvent } from '../../events/provision-event.js';
import type { ConnectionHealth, HealthState } from '../../health/health-record.js';
import type { ConnectionKey } from '../../state/connection-key.js';
import { newEventId } from '../../state/plan-change.js';
import type { StateStore } from '../../state/state-store.js';
import { expectProvisioningError } from '../expect-error.js';
import { ACME, ACME_OTHER, at, GLOBEX, type StoreTestKit, stored } from './state-contract-kit.js';

function record(key: ConnectionKey, revision: number, state: HealthState = 'healthy'): ConnectionHealth {
  const failing = state !== 'healthy';
  return {
    ...key,
    state,
    revision,
    updatedAt: at(revision),
    consecutiveFailures: failing ? 3 : 0,
    quarantineStep: state === 'quarantined' ? 1 : 0,
    checksEnabled: true,
    nextCheckAt: at(revision + 1),
    credentials: { status: failing ? 'invalid' : 'valid', checkedAt: at(revision), message: 'Refused' },
    ...(failing
      ? {
          failingSince: at(1),
          unhealthySince: at(1),
          lastError: {
            code: 'authentication' as const,
            operation: 'verifyCredentials' as const,
            at: at(revision),
          },
        }
      : {}),
    ...(state === 'quarantined' ? { quarantinedAt: at(2) } : {}),
  };
}

function unhealthyDraft(health: ConnectionHealth) {
  return {
    id: newEventId(),
    type: 'connection.unhealthy' as const,
    source: 'provisionkit' as const,
    time: health.updatedAt,
    tenant: health.tenant,
    provider: health.provider,
    data: {
      consecutiveFailures: health.consecutiveFailures,
      failingSince: health.failingSince!,
      error: health.lastError!,
      credentials: 'invalid' as const,
    },
  };
}

/** Saves a first revision of each key's record in `state`. */
async function saveAll(store: StateStore, entries: [ConnectionKey, HealthState][]): Promise<void> {
  for (const [key, state] of entries) {
    await store.saveConnectionHealth({ record: record(key, 1, state), expectedRevision: 0, events: [] });
  }
}

/** Connection health records and the log read by event type. */
export function healthContract(kit: StoreTestKit): void {
  describe('connection health', () => {
    it('stores a record under its key and gives it back as written', async () => {
      const store = await kit.open();
      expect(await store.getConnectionHealth(ACME)).toBeUndefined();
      const first = record(ACME, 1, 'quarantined');
      const saved = await store.saveConnectionHealth({ record: first, expectedRevision: 0, events: [] });
      expect(saved).toEqual({ health: first, events: [] });
      expect(await store.getConnectionHealth(ACME)).toEqual(first);
      expect(await store.getConnectionHealth(ACME_OTHER)).toBeUndefined();
      const second = record(ACME, 2);
      await store.saveConnectionHealth({ record: second, expectedRevision: 1, events: [] });
      expect(await store.getConnectionHealth(ACME)).toEqual(second);
    });

    it('refuses a write planned from an older revision, changing nothing and logging nothing', async () => {
      const store = await kit.open();
      await store.saveConnectionHealth({ record: record(ACME, 1), expectedRevision: 0, events: [] });
      await store.saveConnectionHealth({ record: record(ACME, 2), expectedRevision: 1, events: [] });
      const stale = record(ACME, 2, 'unhealthy');
      const error = await expectProvisioningError(
        store.saveConnectionHealth({ record: stale, expectedRevision: 1, events: [unhealthyDraft(stale)] }),
        'conflict',
      );
      expect(error.details?.reason).toBe('health_changed');
      await expectProvisioningError(
        store.saveConnectionHealth({ record: record(GLOBEX, 1), expectedRevision: 3, events: [] }),
        'conflict',
      );
      expect(await store.getConnectionHealth(ACME)).toEqual(record(ACME, 2));
      expect(await store.getConnectionHealth(GLOBEX)).toBeUndefined();
      expect(await store.listEvents({ tenant: 'acme', limit: 10 })).toEqual([]);
    });

    it('appends the events of a change with the record, in the connection sequence', async () => {
      const store = await kit.open();
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
      const unhealthy = record(ACME, 1, 'unhealthy');
      const { events } = await store.saveConnectionHealth({
        record: unhealthy,
        expectedRevision: 0,
        events: [unhealthyDraft(unhealthy)],
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'connection.unhealthy', sequence: 2, tenant: 'acme' });
      ProvisionEvent.parse(events[0]);
      const logged = await store.listEvents({ tenant: 'acme', limit: 10 });
      expect(logged.map((event) => event.type)).toEqual(['user.created', 'connection.unhealthy']);
      expect(logged[1]).toEqual(events[0]);
    });

    it('lists records by tenant then provider, filtered by tenant, provider and state, from a keyset', async () => {
      const store = await kit.open();
      await saveAll(store, [
        [GLOBEX, 'quarantined'],
        [ACME, 'healthy'],
        [ACME_OTHER, 'unhealthy'],
      ]);
      const keys = (list: ConnectionHealth[]) => list.map((item) => `${item.tenant}/${item.provider}`);
      expect(keys(await store.listConnectionHealth({ limit: 10 }))).toEqual([
        'acme/lastpass',
        'acme/mock',
        'globex/mock',
      ]);
      expect(keys(await store.listConnectionHealth({ tenant: 'acme', limit: 10 }))).toEqual([
        'acme/lastpass',
        'acme/mock',
      ]);
      expect(keys(await store.listConnectionHealth({ provider: 'mock', limit: 10 }))).toEqual([
        'acme/mock',
        'globex/mock',
      ]);
      expect(
        keys(await store.listConnectionHealth({ states: ['unhealthy', 'quarantined'], limit: 10 })),
      ).toEqual(['acme/lastpass', 'globex/mock']);
      expect(await store.listConnectionHealth({ states: [], limit: 10 })).toEqual([]);
      const first = await store.listConnectionHealth({ limit: 1 });
      expect(keys(first)).toEqual(['acme/lastpass']);
      expect(keys(await store.listConnectionHealth({ after: first[0]!, limit: 1 }))).toEqual(['acme/mock']);
      expect(keys(await store.listConnectionHealth({ after: ACME, limit: 10 }))).toEqual(['globex/mock']);
    });

    it('lists events of some types across tenants, in log order, after a cursor', async () => {
      const store = await kit.open();
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
      const acme = record(ACME, 1, 'unhealthy');
      await store.saveConnectionHealth({ record: acme, expectedRevision: 0, events: [unhealthyDraft(acme)] });
      await store.recordUserWrites(GLOBEX, [{ kind: 'upsert', user: stored(2) }], at(2));
      const globex = record(GLOBEX, 1, 'unhealthy');
      await store.saveConnectionHealth({
        record: globex,
        expectedRevision: 0,
        events: [unhealthyDraft(globex)],
      });
      const found = await store.listEventsByType({ types: ['connection.unhealthy'], limit: 10 });
      expect(found.map((event) => [event.type, event.tenant])).toEqual([
        ['connection.unhealthy', 'acme'],
        ['connection.unhealthy', 'globex'],
      ]);
      const next = await store.listEventsByType({
        types: ['connection.unhealthy', 'user.created'],
        after: found[0]!.cursor,
        limit: 10,
      });
      expect(next.map((event) => [event.type, event.tenant])).toEqual([
        ['user.created', 'globex'],
        ['connection.unhealthy', 'globex'],
      ]);
      expect(await store.listEventsByType({ types: ['user.created'], limit: 1 })).toHaveLength(1);
      expect(await store.listEventsByType({ types: [], limit: 10 })).toEqual([]);
      expect(
        await store.listEventsByType({ types: ['connection.unhealthy'], after: found[1]!.cursor, limit: 10 }),
      ).toEqual([]);
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../../events/provision-event.js';
import { ProvisionEvent } from '../../events/provision-event.js';
import { newEventId } from '../../state/plan-change.js';
import { expectProvisioningError } from '../expect-error.js';
import { ACME, ACME_OTHER, at, GLOBEX, type StoreTestKit, stored } from './state-contract-kit.js';

function failedDraft(tenant: string, provider: string, time: string): EventDraft {
  return {
    id: newEventId(),
    type: 'sync.failed',
    source: 'sync',
    runId: 'run-x',
    time,
    tenant,
    provider,
    data: {
      mode: 'full',
      counts: { enumerated: 0, created: 0, updated: 0, deleted: 0, suspended: 0, unchanged: 0 },
      startedAt: time,
      durationMs: 1,
      reason: 'aborted',
    },
  };
}

/** The log: cursors, tenants, providers, retention. */
export function eventLogContract(kit: StoreTestKit): void {
  describe('event log', () => {
    it('pages a tenant by cursor across its connections, never showing another tenant', async () => {
      const store = await kit.open();
      for (let n = 1; n <= 5; n += 1) {
        await store.recordUserWrites(
          n % 2 === 0 ? ACME_OTHER : ACME,
          [{ kind: 'upsert', user: stored(n) }],
          at(n),
        );
        await store.recordUserWrites(GLOBEX, [{ kind: 'upsert', user: stored(n) }], at(n));
      }
      const first = await store.listEvents({ tenant: 'acme', limit: 2 });
      const rest = await store.listEvents({ tenant: 'acme', after: first.at(-1)!.cursor, limit: 10 });
      const all = [...first, ...rest];
      expect(all.map((event) => 'userId' in event && event.userId)).toEqual([
        'u-000001',
        'u-000002',
        'u-000003',
        'u-000004',
        'u-000005',
      ]);
      expect(all.every((event) => event.tenant === 'acme')).toBe(true);
      const positions = all.map((event) => Number(event.cursor));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(all.map((event) => event.id)).size).toBe(5);
      for (const event of all) ProvisionEvent.parse(event);
      const onlyLastpass = await store.listEvents({ tenant: 'acme', provider: 'lastpass', limit: 10 });
      expect(onlyLastpass.map((event) => [event.provider, event.sequence])).toEqual([
        ['lastpass', 1],
        ['lastpass', 2],
      ]);
      expect(await store.listEvents({ tenant: 'acme', after: all.at(-1)!.cursor, limit: 10 })).toEqual([]);
      expect(await store.lastCursor()).toBe(String(Math.max(...positions, Number(await lastGlobex()))));
      async function lastGlobex(): Promise<string> {
        return (await store.listEvents({ tenant: 'globex', limit: 100 })).at(-1)!.cursor;
      }
    });

    it('appends events of other producers with their place in the log', async () => {
      const store = await kit.open();
      await store.recordUserWrites(ACME, [{ kind: 'upsert', user: stored(1) }], at(1));
      const [event] = await store.appendEvents(ACME, [failedDraft('acme', 'mock', at(2))]);
      expect(event).toMatchObject({ type: 'sync.failed', sequence: 2 });
      expect((await store.listEvents({ tenant: 'acme', limit: 10 })).map((item) => item.id)).toContain(
        event!.id,
      );
    });

    it('prunes events older than the retention and keeps the cursors of the rest', async () => {
      const store = await kit.open();
      await store.appendEvents(ACME, [
        failedDraft('acme', 'mock', at(1)),
        failedDraft('acme', 'mock', at(2)),
      ]);
      await store.appendEvents(GLOBEX, [failedDraft('globex', 'mock', at(1))]);
      const kept = await store.appendEvents(ACME, [failedDraft('acme', 'mock', at(5))]);
      expect(await store.pruneEvents(at(3))).toBe(3);
      expect(await store.listEvents({ tenant: 'acme', limit: 10 })).toEqual(kept);
      expect(await store.listEvents({ tenant: 'globex', limit: 10 })).toEqual([]);
      const [next] = await store.appendEvents(ACME, [failedDraft('acme', 'mock', at(6))]);
      expect(next?.sequence).toBe(4);
      expect(Number(next?.cursor)).toBeGreaterThan(Number(kept[0]!.cursor));
    });

    it('refuses a cursor it did not issue', async () => {
      const store = await kit.open();
      for (const after of ['abc', '-1', '1.5', '']) {
        await expectProvisioningError(
          store.listEvents({ tenant: 'acme', after, limit: 10 }),
          'invalid_input',
        );
      }
    });
  });
}

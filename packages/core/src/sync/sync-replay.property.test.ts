import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayEvents } from '../events/replay-events.js';
import { wrapDirectory } from '../middleware/wrap-directory.js';
import type { User } from '../model/user.js';
import type { ProviderCapabilities } from '../spi/provider-capabilities.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { parseStoredContent, type SnapshotUser, UserCanonicalizer } from '../state/canonical-user.js';
import { createMemoryStateStore } from '../state/memory/memory-state-store.js';
import type { StateStore } from '../state/state-store.js';
import { SyncEngine } from './sync-engine.js';

const KEY = { tenant: 'acme', provider: 'list' };
const CAPABILITIES: ProviderCapabilities = { verbs: ['listUsers'], maxPageSize: 100, defaultPageSize: 3 };

/** A directory that lists a fixed array, three users per page. */
function listing(users: readonly User[]): UserDirectory {
  const directory = {
    provider: 'list',
    capabilities: CAPABILITIES,
    async *listUsers() {
      yield* users.map((user) => structuredClone(user));
    },
  };
  return wrapDirectory(directory);
}

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const attributeValue = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
  fc.constant(null),
);

/** A user for id `u<n>`: every field may differ between the two directories. */
const userFor = (n: number): fc.Arbitrary<User> =>
  fc
    .record({
      userName: fc.constantFrom(`u${n}@x.test`, `U${n}@X.test`, `renamed${n}@x.test`),
      givenName: optional(fc.constantFrom('Ada', 'Bob', '')),
      displayName: optional(fc.string({ maxLength: 5 })),
      status: fc.constantFrom('active', 'invited', 'suspended'),
      isAdmin: fc.boolean(),
      groups: fc.subarray(['eng', 'ops', 'hr']),
      attributes: fc.dictionary(fc.constantFrom('team', 'level', 'site'), attributeValue, { maxKeys: 3 }),
    })
    .map((fields) => {
      const user: Record<string, unknown> = { id: `u${n}`, ...fields };
      for (const key of Object.keys(user)) if (user[key] === undefined) delete user[key];
      return user as User;
    });

const directoryArb: fc.Arbitrary<User[]> = fc
  .subarray([1, 2, 3, 4, 5, 6, 7, 8])
  .chain(
    (ids): fc.Arbitrary<User[]> =>
      ids.length === 0 ? fc.constant<User[]>([]) : fc.tuple(...ids.map(userFor)).map((users) => [...users]),
  )
  .chain((users) => fc.shuffledSubarray(users, { minLength: users.length, maxLength: users.length }));

async function snapshotOf(
  store: StateStore,
): Promise<{ users: Map<string, SnapshotUser>; versions: Map<string, number> }> {
  const rows = await store.listSnapshotRows(KEY, { limit: 1000 });
  return {
    users: new Map(rows.map((row) => [row.userId, parseStoredContent(row.content)])),
    versions: new Map(rows.map((row) => [row.userId, row.version])),
  };
}

describe('SyncEngine', () => {
  describe('.sync (property)', () => {
    it("replaying a run's events over the old snapshot gives the new one", async () => {
      await fc.assert(
        fc.asyncProperty(directoryArb, directoryArb, async (before, after) => {
          const store = createMemoryStateStore();
          const engine = new SyncEngine({ store });
          await engine.sync({ key: KEY, directory: listing(before) }, { massChange: false });
          const old = await snapshotOf(store);
          const cursor = await store.lastCursor();
          const run = await engine.sync({ key: KEY, directory: listing(after) }, { massChange: false });
          expect(run.status).toBe('completed');
          const events = await store.listEvents({ tenant: 'acme', after: cursor, limit: 1000 });
          const replayed = replayEvents(old.users, events, old.versions);
          const now = await snapshotOf(store);
          expect(replayed).toEqual(now.users);
          const canonical = new UserCanonicalizer();
          expect(now.users).toEqual(new Map(after.map((user) => [user.id, canonical.project(user)])));
          const userEvents = events.filter((event) => event.type.startsWith('user.'));
          expect(userEvents).toHaveLength(run.counts.created + run.counts.updated + run.counts.deleted);
        }),
        { numRuns: 150 },
      );
    });
  });
});

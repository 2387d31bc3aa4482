import { describe, expect, it } from 'vitest';
import { expectProvisioningError } from '../testing/expect-error.js';
import { formatPlan } from './format-plan.js';
import { ReconcilePlan } from './plan-schema.js';
import { readDesiredUsers } from './read-desired-users.js';
import { DESIRED, reconcileFixture } from './reconcile-test-helpers.js';
import { verifyPlan } from './verify-plan.js';

function kinds(plan: ReconcilePlan): [string, string][] {
  return plan.connections[0]!.actions.map((action) => [action.kind, action.userName]);
}

describe('ProvisionKit', () => {
  describe('.plan', () => {
    it('plans each change with its reason, from the desired input and the directory', async () => {
      const { kit, connection } = await reconcileFixture();
      const plan = await kit.plan({
        desired: readDesiredUsers(DESIRED),
        connections: [connection],
        policy: { unmatched: 'suspend' },
      });
      expect(kinds(plan)).toEqual([
        ['create', 'erin@acme.example'],
        ['update', 'ada@acme.example'],
        ['addToGroups', 'bob@acme.example'],
        ['removeFromGroups', 'bob@acme.example'],
        ['reactivate', 'carol@acme.example'],
        ['suspend', 'dave@acme.example'],
      ]);
      const [create, update, add, remove, reactivate, suspend] = plan.connections[0]!.actions;
      expect(create).toMatchObject({
        reason: 'not_in_directory',
        line: 5,
        user: {
          userName: 'erin@acme.example',
          givenName: 'Erin',
          familyName: 'Catto',
          groups: ['Engineering'],
        },
      });
      expect(update).toMatchObject({
        reason: 'fields_differ',
        patch: { familyName: 'King' },
        changes: [{ field: 'familyName', before: 'Lovelace', after: 'King' }],
      });
      expect(add).toMatchObject({ groups: ['Marketing'], reason: 'groups_differ' });
      expect(remove).toMatchObject({ groups: ['Travel'], reason: 'groups_differ' });
      expect(reactivate).toMatchObject({ reason: 'desired_again' });
      expect(suspend).toMatchObject({ reason: 'not_desired' });
      expect(plan.connections[0]).toMatchObject({ tenant: 'acme', provider: 'mock', users: 4, unchanged: 0 });
      expect(plan.counts).toMatchObject({ create: 1, update: 1, suspend: 1, reactivate: 1 });
      expect(plan.desired).toMatchObject({ format: 'csv', rows: 4, accepted: 4, complete: true });
      expect(plan.desired.hash).toBe(readDesiredUsers(DESIRED).hash);
    });

    it('reports listing progress per connection, and a throwing observer changes nothing', async () => {
      const seed = Array.from({ length: 250 }, (_, n) => ({ userName: `p${n}@acme.example` }));
      const { kit, connection } = await reconcileFixture({ seed });
      const seen: unknown[] = [];
      const plan = await kit.plan({
        desired: readDesiredUsers(DESIRED),
        connections: [connection],
        onProgress: (progress) => {
          seen.push(progress);
          throw new Error('observer failure');
        },
      });
      const at = (listed: number, finished: boolean) => ({
        tenant: 'acme',
        provider: 'mock',
        listed,
        finished,
      });
      expect(seen).toEqual([at(0, false), at(100, false), at(200, false), at(250, true)]);
      expect(plan.connections[0]!.users).toBe(250);
    });

    it('returns plain data that survives JSON and verifies', async () => {
      const { kit, connection } = await reconcileFixture();
      const plan = await kit.plan({ desired: readDesiredUsers(DESIRED), connections: [connection] });
      const copy = JSON.parse(JSON.stringify(plan));
      expect(ReconcilePlan.parse(copy)).toEqual(plan);
      expect(verifyPlan(copy)).toEqual(plan);
    });

    it('gives the same revision for the same directory, and another once it changed', async () => {
      const { kit, connection, admin } = await reconcileFixture();
      const desired = readDesiredUsers(DESIRED);
      const first = await kit.plan({ desired, connections: [connection] });
      const second = await kit.plan({ desired, connections: [connection] });
      expect(second.connections[0]!.revision).toBe(first.connections[0]!.revision);
      expect(second.id).not.toBe(first.id);
      await admin.updateUser({ userName: 'dave@acme.example' }, { displayName: 'D.' });
      const third = await kit.plan({ desired, connections: [connection] });
      expect(third.connections[0]!.revision).not.toBe(first.connections[0]!.revision);
    });

    it('leaves absent users alone when the policy ignores them (the default)', async () => {
      const { kit, connection } = await reconcileFixture();
      const plan = await kit.plan({ desired: readDesiredUsers(DESIRED), connections: [connection] });
      expect(kinds(plan).map(([kind]) => kind)).not.toContain('suspend');
    });

    it('removes or purges absent users only when the policy says so', async () => {
      const { kit, connection } = await reconcileFixture();
      const desired = readDesiredUsers(DESIRED);
      const remove = await kit.plan({ desired, connections: [connection], policy: { unmatched: 'remove' } });
      expect(kinds(remove).at(-1)).toEqual(['remove', 'dave@acme.example']);
      const purge = await kit.plan({ desired, connections: [connection], policy: { unmatched: 'purge' } });
      expect(kinds(purge).at(-1)).toEqual(['purge', 'dave@acme.example']);
    });

    it('never suspends for absence when the desired input was not read completely', async () => {
      const { kit, connection } = await reconcileFixture();
      const truncated = readDesiredUsers(`${DESIRED}frank@acme.example,"Frank\n`);
      const plan = await kit.plan({
        desired: truncated,
        connections: [connection],
        policy: { unmatched: 'remove' },
      });
      expect(kinds(plan).map(([kind]) => kind)).not.toContain('remove');
      expect(plan.connections[0]!.notes).toContainEqual(
        expect.objectContaining({
          code: 'incomplete_input_left_alone',
          count: 1,
          examples: ['dave@acme.example'],
        }),
      );
    });

    it('leaves the account of a rejected row exactly as it is', async () => {
      const { kit, connection } = await reconcileFixture();
      const desired = readDesiredUsers('userName,email\nada@acme.example,not-an-email\n');
      const plan = await kit.plan({ desired, connections: [connection], policy: { unmatched: 'suspend' } });
      expect(kinds(plan)).toEqual([
        ['suspend', 'bob@acme.example'],
        ['suspend', 'dave@acme.example'],
      ]);
      expect(plan.connections[0]!.notes).toContainEqual(
        expect.objectContaining({ code: 'invalid_row_left_alone', examples: ['ada@acme.example'] }),
      );
      expect(plan.desired.issues).toEqual([{ line: 2, field: 'email', message: expect.any(String) }]);
    });

    it('never touches a user in the keep list', async () => {
      const { kit, connection } = await reconcileFixture();
      const plan = await kit.plan({
        desired: readDesiredUsers('userName\nada@acme.example\n'),
        connections: [connection],
        policy: { unmatched: 'suspend', keep: ['DAVE@acme.example'] },
      });
      expect(kinds(plan)).toEqual([['suspend', 'bob@acme.example']]);
    });

    it('matches on externalId, adopting an account without one by its user name', async () => {
      const { kit, connection } = await reconcileFixture({
        seed: [
          { userName: 'ada@acme.example', externalId: 'E1' },
          { userName: 'bob@acme.example' },
          { userName: 'carol@acme.example', externalId: 'E9' },
        ],
      });
      const desired = readDesiredUsers(
        'userName,externalId\nada.king@acme.example,E1\nbob@acme.example,E2\ncarol@acme.example,E3\n',
      );
      const plan = await kit.plan({ desired, connections: [connection], policy: { match: 'externalId' } });
      expect(plan.connections[0]!.actions).toEqual([
        expect.objectContaining({
          kind: 'update',
          userName: 'bob@acme.example',
          patch: { externalId: 'E2' },
        }),
      ]);
      // ada keeps her account (matched on E1 despite the new user name, which is not compared);
      // carol's name belongs to an account with another externalId: nothing is planned for E3.
      expect(plan.connections[0]!.notes).toContainEqual(expect.objectContaining({ code: 'user_name_taken' }));
    });

    it('keeps a desired suspended user suspended and suspends an active one', async () => {
      const { kit, connection } = await reconcileFixture();
      const plan = await kit.plan({
        desired: readDesiredUsers(
          'userName,status\nada@acme.example,suspended\ncarol@acme.example,suspended\nzed@acme.example,suspended\n',
        ),
        connections: [connection],
      });
      expect(kinds(plan)).toEqual([['suspend', 'ada@acme.example']]);
    });

    it('plans nothing for a directory that matches', async () => {
      const { kit, connection } = await reconcileFixture();
      const plan = await kit.plan({
        desired: [
          { userName: 'ada@acme.example', givenName: 'Ada', groups: ['Engineering'] },
          { userName: 'dave@acme.example', familyName: 'Cutler' },
        ],
        connections: [connection],
      });
      expect(plan.connections[0]).toMatchObject({ actions: [], unchanged: 2 });
      expect(formatPlan(plan)).toContain('No changes.');
    });

    it('refuses a connection listed twice, or opened by another kit', async () => {
      const { kit, connection } = await reconcileFixture();
      const other = await reconcileFixture();
      await expectProvisioningError(
        kit.plan({ desired: [], connections: [connection, connection] }),
        'invalid_input',
      );
      await expectProvisioningError(
        kit.plan({ desired: [], connections: [other.connection] }),
        'invalid_input',
      );
      await expectProvisioningError(
        kit.plan({ desired: 'text' as never, connections: [connection] }),
        'invalid_input',
      );
    });
  });
});

describe('formatPlan', () => {
  it('prints counts, notes and a row per action with its reason', async () => {
    const { kit, connection } = await reconcileFixture();
    const plan = await kit.plan({
      desired: readDesiredUsers(`${DESIRED}${'x'.repeat(300)},X,Y,\n`),
      connections: [connection],
      policy: { unmatched: 'suspend' },
    });
    const text = formatPlan(plan);
    expect(text).toContain('Desired: csv, 5 rows, 4 accepted, 1 rejected, 1 issue (sha256:');
    expect(text).toContain('  line 6 userName: must be at most 256 characters');
    expect(text).toContain(
      'HELD by the mass-change guard: 1 suspensions and removals, limit 0; apply with approval',
    );
    expect(text).toContain('acme/mock: 4 users, 0 unchanged, 1 create, 1 update, 1 addToGroups');
    expect(text).toMatch(/\+ create\s+erin@acme\.example\s+groups: Engineering\s+desired, no account/);
    expect(text).toMatch(/~ update\s+ada@acme\.example\s+familyName: "Lovelace" → "King"/);
    expect(text).toMatch(/- suspend\s+dave@acme\.example\s+not in the desired list/);
    expect(text).toContain(
      'Plan: 1 create, 1 update, 1 addToGroups, 1 removeFromGroups, 1 reactivate, 1 suspend.',
    );
  });

  it('counts rejected rows apart from issues, which may reject no row or several per row', async () => {
    const { kit, connection } = await reconcileFixture();
    const desired = readDesiredUsers(
      `userName,givenName,status,shoeSize\nada@acme.example,Ada,,42\n${'x'.repeat(300)},,retired,43\n`,
    );
    const plan = await kit.plan({ desired, connections: [connection] });
    expect(formatPlan(plan)).toContain('Desired: csv, 2 rows, 1 accepted, 1 rejected, 3 issues (sha256:');
  });

  it('escapes control characters a hostile value carries', async () => {
    const { kit, connection } = await reconcileFixture();
    const plan = await kit.plan({
      desired: [{ userName: 'ada@acme.example', givenName: 'Ada\u001b[2J' }],
      connections: [connection],
    });
    expect(formatPlan(plan)).not.toContain('\u001b');
  });
});

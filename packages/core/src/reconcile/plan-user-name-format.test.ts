import { describe, expect, it } from 'vitest';
import { formatPlan } from './format-plan.js';
import { readDesiredUsers } from './read-desired-users.js';
import { API_KEY, reconcileFixture } from './reconcile-test-helpers.js';
import { verifyPlan } from './verify-plan.js';

const DESIRED = [
  'userName,givenName',
  'ada@acme.example,Ada',
  'kiosk-7,Kiosk',
  'erin@acme.example,Erin',
  '',
].join('\n');

/** `acme` takes any user name (the fixture's mock); `globex` only email addresses, as LastPass. */
async function twoDirectories() {
  const fixture = await reconcileFixture({ seed: [{ userName: 'ada@acme.example', givenName: 'Ada' }] });
  const strict = await fixture.kit.connect({
    provider: 'mock',
    tenant: 'globex',
    config: {
      apiKey: API_KEY,
      userNameFormat: 'email',
      seed: [{ userName: 'ada@acme.example', givenName: 'Ada' }],
    },
  });
  return { ...fixture, strict };
}

describe('ProvisionKit', () => {
  describe('.plan', () => {
    it("reports a row whose user name a directory's userNameFormat refuses, for that directory only, instead of a create", async () => {
      const { kit, connection, strict } = await twoDirectories();
      const plan = await kit.plan({ desired: readDesiredUsers(DESIRED), connections: [connection, strict] });
      const [open, emailOnly] = plan.connections;
      expect(open!.actions.map((action) => [action.kind, action.userName])).toEqual([
        ['create', 'kiosk-7'],
        ['create', 'erin@acme.example'],
      ]);
      expect(open).toMatchObject({ issueCount: 0, issues: [] });
      expect(emailOnly!.actions.map((action) => [action.kind, action.userName])).toEqual([
        ['create', 'erin@acme.example'],
      ]);
      expect(emailOnly).toMatchObject({
        issueCount: 1,
        issues: [
          { line: 3, field: 'userName', message: expect.stringContaining('must be an email address') },
        ],
      });
      // The input itself is fine: the row is accepted, and absent accounts are still judged.
      expect(plan.desired).toMatchObject({ rows: 3, accepted: 3, issueCount: 0, complete: true });
      expect(JSON.stringify(emailOnly!.issues)).not.toContain('kiosk-7');
      expect(verifyPlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    });

    it('applies what it planned without a failure', async () => {
      const { kit, strict } = await twoDirectories();
      const plan = await kit.plan({ desired: readDesiredUsers(DESIRED), connections: [strict] });
      const result = await kit.apply(plan, { connections: [strict] });
      expect(result).toMatchObject({ status: 'applied', done: 1, failed: 0 });
    });
  });
});

describe(formatPlan, () => {
  it('prints the rows a connection cannot take under it, and counts them in both summaries', async () => {
    const { kit, connection, strict } = await twoDirectories();
    const plan = await kit.plan({ desired: readDesiredUsers(DESIRED), connections: [connection, strict] });
    const text = formatPlan(plan);
    expect(text).toContain('acme/mock: 1 users, 1 unchanged, 2 create\n');
    expect(text).toContain(
      'globex/mock: 1 users, 1 unchanged, 1 create; 1 row issue not planned\n  line 3 userName: must be an email address (mock user names are email addresses): no account is created\n',
    );
    expect(text.endsWith('Plan: 3 create; 1 row issue not planned (see above).')).toBe(true);
    expect(text.slice(text.indexOf('globex/mock'))).not.toContain('kiosk-7');
  });

  it('says no changes, and still counts the rows not planned', async () => {
    const { kit, strict } = await twoDirectories();
    const plan = await kit.plan({
      desired: readDesiredUsers('userName\nkiosk-7\nkiosk-8\n'),
      connections: [strict],
    });
    const text = formatPlan(plan, { maxRows: 1 });
    expect(text).toContain('  … 1 more issues');
    expect(text.endsWith('No changes; 2 row issues not planned (see above).')).toBe(true);
  });

  it('reads a plan saved before row issues were reported per connection', async () => {
    const { kit, strict } = await twoDirectories();
    const plan = await kit.plan({
      desired: readDesiredUsers('userName\nerin@acme.example\n'),
      connections: [strict],
    });
    const { issueCount: _count, issues: _issues, ...older } = plan.connections[0]!;
    expect(formatPlan({ ...plan, connections: [older] })).toContain('Plan: 1 create.');
  });
});

import { describe, expect, it } from 'vitest';
import { readDesiredUsers } from './read-desired-users.js';
import { API_KEY, reconcileFixture } from './reconcile-test-helpers.js';

const DESIRED = [
  'userName,email,givenName',
  'ada@acme.example,ada.lovelace@acme.example,Ada L',
  'erin@acme.example,erin.o@acme.example,Erin',
  'finn@acme.example,FINN@acme.example,Finn',
  '',
].join('\n');

/** `acme` keeps any email (the fixture's mock); `globex` one login email, the user name, as LastPass. */
async function twoDirectories() {
  const seed = [{ userName: 'ada@acme.example', email: 'ada@acme.example', givenName: 'Ada' }];
  const fixture = await reconcileFixture({ seed });
  const single = await fixture.kit.connect({
    provider: 'mock',
    tenant: 'globex',
    config: { apiKey: API_KEY, emailIsUserName: true, seed },
  });
  return { ...fixture, single };
}

describe('ProvisionKit', () => {
  describe('.plan', () => {
    it('reports a row whose email is not its user name where the directory keeps one login email, never changing email', async () => {
      const { kit, connection, single } = await twoDirectories();
      const plan = await kit.plan({ desired: readDesiredUsers(DESIRED), connections: [connection, single] });
      const [open, oneEmail] = plan.connections;
      const summary = (actions: NonNullable<typeof open>['actions']) =>
        actions.map((action) => [action.kind, action.userName, 'patch' in action ? action.patch : undefined]);
      expect(summary(open!.actions)).toEqual([
        ['create', 'erin@acme.example', undefined],
        ['create', 'finn@acme.example', undefined],
        ['update', 'ada@acme.example', { email: 'ada.lovelace@acme.example', givenName: 'Ada L' }],
      ]);
      expect(open).toMatchObject({ issueCount: 0 });
      // ada's other fields are still compared; erin is not created; finn's email is his user name.
      expect(summary(oneEmail!.actions)).toEqual([
        ['create', 'finn@acme.example', undefined],
        ['update', 'ada@acme.example', { givenName: 'Ada L' }],
      ]);
      expect(oneEmail).toMatchObject({
        issueCount: 2,
        issues: [
          { line: 2, field: 'email', message: expect.stringContaining('email is not changed') },
          { line: 3, field: 'email', message: expect.stringContaining('no account is created') },
        ],
      });
      expect(JSON.stringify(oneEmail!.issues)).not.toContain('lovelace');
    });

    it('applies what it planned without a failure and leaves the account its user name', async () => {
      const { kit, single } = await twoDirectories();
      const plan = await kit.plan({ desired: readDesiredUsers(DESIRED), connections: [single] });
      const result = await kit.apply(plan, { connections: [single] });
      expect(result).toMatchObject({ status: 'applied', failed: 0 });
      const ada = await single.directory.getUser({ userName: 'ada@acme.example' });
      expect(ada).toMatchObject({ userName: 'ada@acme.example', givenName: 'Ada L' });
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { type FixtureOutcome, runTeethFixtures } from './teeth/run-teeth-fixtures.js';

/**
 * The contract kit has teeth: each broken provider (the real mock with one deliberate bug, behind
 * `wrapDirectory`) fails at least one kit test, and the failing tests are the ones about that bug.
 */
describe('contract kit', () => {
  let outcomes: Map<string, FixtureOutcome>;

  beforeAll(async () => {
    outcomes = await runTeethFixtures();
  }, 120_000);

  const outcome = (fixture: string): FixtureOutcome => {
    const found = outcomes.get(fixture);
    if (found === undefined) throw new Error(`fixture ${fixture} did not run (ran: ${[...outcomes.keys()]})`);
    return found;
  };

  /** At least one failure, and every failure is about the planted bug (`about`). */
  const expectCaught = (fixture: string, about: RegExp): FixtureOutcome => {
    const { failed, passed } = outcome(fixture);
    expect(failed.length, `${fixture}: failing kit tests`).toBeGreaterThan(0);
    expect(
      failed.filter((title) => !about.test(title)),
      `${fixture}: failures unrelated to the bug`,
    ).toEqual([]);
    // The rest of the group still runs and passes: the suite did not just crash.
    expect(passed.length).toBeGreaterThan(0);
    return outcome(fixture);
  };

  describe('against the healthy mock', () => {
    it('passes every test of the whole suite', () => {
      const { failed, passed } = outcome('healthy');
      expect(failed).toEqual([]);
      expect(passed.length).toBeGreaterThanOrEqual(120);
      expect(passed.some((title) => title.includes('closing the connection ends its listings'))).toBe(true);
    });

    it('skips, without failing, what a provider does not declare, and derives createUsers', () => {
      const { failed, skipped, passed } = outcome('restricted');
      expect(failed).toEqual([]);
      expect(skipped.some((title) => title.includes('.suspendUser'))).toBe(true);
      expect(skipped.some((title) => title.includes('creates an admin when isAdmin'))).toBe(true);
      expect(
        passed.some((title) => title.includes('an undeclared verb fails with unsupported_operation')),
      ).toBe(true);
      expect(passed.some((title) => title.includes('refuses each field it does not declare'))).toBe(true);
      // The mock implements listUsersChangedSince, but undeclared it is skipped and refused.
      expect(skipped.some((title) => title.includes('.listUsersChangedSince'))).toBe(true);
      expect(passed.some((title) => title.includes('.listUsersChangedSince'))).toBe(false);
      // No createUsers declared: core derives it from createUser, and it passes the batch tests.
      expect(passed.filter((title) => title.includes('.createUsers')).length).toBeGreaterThanOrEqual(5);
    });
  });

  describe('against broken providers', () => {
    it('catches (a) case-sensitive userName lookup and duplicate checks', () => {
      const { failed } = expectCaught('case-sensitive', /case/);
      expect(failed.some((title) => title.includes('.getUser'))).toBe(true);
      expect(failed.some((title) => title.includes('duplicate userName that differs only in case'))).toBe(
        true,
      );
    });

    it('catches (b) a listing that loses its second page', () => {
      const { failed, passed } = expectCaught('lost-page', /pag/);
      expect(failed.some((title) => title.includes('several pages'))).toBe(true);
      // One page or less is served whole, so those boundaries still pass: the failure is the paging.
      expect(passed.some((title) => title.includes('exactly one page'))).toBe(true);
    });

    it('catches (c) a batch reporting a failed item as created', () => {
      const { failed } = expectCaught('batch-false-success', /mixed batch|batch with duplicates/);
      expect(failed.some((title) => title.includes('reports each item of a mixed batch'))).toBe(true);
    });

    it('catches (d) a secret in a not_found error', () => {
      const { failed } = expectCaught('secret-leak', /secret/);
      expect(failed.some((title) => title.includes('errors carry no secret'))).toBe(true);
      expect(failed.some((title) => title.includes('no error provoked by any test carries a secret'))).toBe(
        true,
      );
    });

    it('catches (e) a purged user coming back', () => {
      const { failed } = expectCaught('purge-resurrects', /purge/);
      expect(failed.some((title) => title.includes('stays gone'))).toBe(true);
    });

    it('catches (f) a batch that gives duplicates no result of their own', () => {
      const { failed } = expectCaught('merges-duplicates', /batch/);
      expect(failed.some((title) => title.includes('exactly one result per index of a sparse batch'))).toBe(
        true,
      );
    });

    it('catches (g) a listing that repeats its last page forever', () => {
      const { failed } = outcome('endless-listing');
      expect(failed.some((title) => title.includes('yields each existing user exactly once and ends'))).toBe(
        true,
      );
      expect(failed.some((title) => title.includes('ends with exactly N users'))).toBe(true);
    });

    it('catches (h) a listing with pageSize 1 that serves one user too many', () => {
      const { failed } = expectCaught('repeats-small-page', /pageSize 1|between pages/);
      expect(failed).toContainEqual(
        expect.stringContaining('ends with exactly N users when listing N users with pageSize 1'),
      );
    });

    it('catches (i) a directory that ignores the signal: every verb runs, and writes', () => {
      const { failed } = expectCaught('ignores-signal', /abort/);
      for (const verb of ['listUsers', 'createUser', 'createUsers', 'updateUser', 'purgeUser']) {
        expect(failed.some((title) => title.includes(`${verb} with an already aborted signal`))).toBe(true);
      }
    });

    it('catches (j) a listing that ends quietly when aborted with a page in flight', () => {
      const { failed } = expectCaught('quiet-abort-in-flight', /abort/);
      expect(failed).toEqual([expect.stringContaining('an abort while a listing page is in flight')]);
    });

    it('catches (k) a listing that ends quietly when aborted between pages', () => {
      const { failed } = expectCaught('quiet-abort-between-pages', /abort/);
      expect(failed).toEqual([
        expect.stringContaining('listUsers with an already aborted signal fails with cancelled'),
        expect.stringContaining('listUsers with an already aborted signal yields no user'),
        expect.stringContaining('an abort between listing pages'),
      ]);
    });

    it('catches (l) a close that lets a listing in progress page on', () => {
      const { failed } = expectCaught('close-ignored', /closing the connection/);
      expect(failed).toHaveLength(1);
    });

    it('catches (m) a listing that ignores pageSize, so a change between pages is not seen', () => {
      const { failed } = expectCaught('ignores-page-size', /between pages/);
      expect(failed).toHaveLength(1);
    });

    it('catches (n) a listing that yields a page although its signal was aborted before it started', () => {
      const { failed } = expectCaught('aborted-listing-yields', /already aborted signal/);
      expect(failed).toContainEqual(
        expect.stringContaining('listUsers with an already aborted signal yields no user'),
      );
    });

    it('catches (o) a status filter given as a list of statuses that is ignored', () => {
      const { failed } = expectCaught('ignores-status-list', /filters by status/);
      expect(failed).toHaveLength(1);
    });

    it('catches (p) isAdmin: true dropped on create', () => {
      const { failed } = expectCaught('drops-admin-on-create', /isAdmin/);
      expect(failed).toContainEqual(
        expect.stringContaining('creates an admin when isAdmin: true is asked for'),
      );
    });

    it('catches (q) user names whose letter case is not kept', () => {
      const { failed } = expectCaught('lowercases-user-names', /letter case|updates userName/);
      expect(failed).toContainEqual(expect.stringContaining('keeps the letter case of userName as given'));
      expect(failed).toContainEqual(expect.stringContaining('updates userName'));
    });

    it("catches (r) updates that ignore false and '' values", () => {
      const { failed } = expectCaught('ignores-empty-updates', /back to false|clears/);
      expect(failed).toContainEqual(expect.stringContaining('sets isAdmin back to false'));
      expect(failed).toContainEqual(expect.stringContaining('clears displayName with an empty string'));
    });

    it('catches (s) a removed user that reactivateUser brings back', () => {
      const { failed } = expectCaught('removed-user-returns', /removed user/);
      expect(failed).toEqual([expect.stringContaining('every verb on a removed user fails with not_found')]);
    });

    it('catches (t) not_found, conflict and invalid_input marked retryable (above core)', () => {
      const { failed } = expectCaught('retryable-client-errors', /retryable/);
      expect(failed).toHaveLength(2);
    });

    it('catches (u) verifyCredentials throwing an untyped error for bad credentials', () => {
      const { failed } = expectCaught('untyped-credential-failure', /invalid credentials/);
      expect(failed).toEqual([expect.stringContaining('status invalid')]);
    });

    it('catches (v) a declared field that a create does not store', () => {
      const { failed } = expectCaught('drops-declared-field', /stores every field it declares/);
      expect(failed).toHaveLength(1);
    });

    it('catches (w) undeclared fields dropped silently instead of refused (above core)', () => {
      const { failed } = expectCaught('drops-undeclared-fields', /refuses each field it does not declare/);
      expect(failed).toHaveLength(1);
    });

    it('catches (x) a group filter that is ignored', () => {
      const { failed } = expectCaught('ignores-group-filter', /group/);
      expect(failed).toContainEqual(expect.stringContaining('filters by group'));
    });

    it('catches (y) returned users shared with later callers (above core)', () => {
      const { failed } = expectCaught('shares-returned-users', /hands out copies/);
      expect(failed).toHaveLength(1);
    });

    it('catches (z) an undeclared verb that still runs (above core)', () => {
      const { failed } = expectCaught('undeclared-verb-runs', /undeclared verb/);
      expect(failed).toHaveLength(1);
    });

    it('catches (aa) a TypeError for a malformed ref (above core)', () => {
      const { failed } = expectCaught('skips-input-validation', /malformed refs|never a TypeError/);
      expect(failed).toContainEqual(expect.stringContaining('getUser rejects malformed refs'));
    });

    it('catches (ab) suspending a suspended user refused with conflict', () => {
      const { failed } = expectCaught('suspend-not-idempotent', /idempotent/);
      expect(failed).toHaveLength(1);
    });

    it('catches (ac) a password written to the log (through describeProviderContract)', () => {
      const { failed } = expectCaught('logs-request-bodies', /log line/);
      expect(failed).toHaveLength(1);
    });

    it('catches (ad) a change listing that answers with users as they were created', () => {
      const { failed } = expectCaught('stale-changes', /changed/);
      expect(failed).toContainEqual(expect.stringContaining('as they are now'));
    });

    it('catches (ae) a change listing that lists only the users created since', () => {
      const { failed } = expectCaught('changes-only-created', /created before since and changed after it/);
      expect(failed).toHaveLength(1);
    });

    it("catches (af) a provider that refuses user names that are not email addresses but declares 'any'", () => {
      const { failed } = expectCaught('refuses-non-email-user-names', /not an email address/);
      expect(failed).toEqual([expect.stringContaining("as userNameFormat 'any' declares")]);
    });

    it("catches (ag) a directory that declares 'email' user names but creates any name (above core)", () => {
      const { failed } = expectCaught('accepts-non-email-user-names', /not an email address/);
      expect(failed).toEqual([
        expect.stringContaining(
          "with invalid_input, as userNameFormat 'email' declares, and creates nothing",
        ),
        expect.stringContaining('fails an item whose userName is not an email address alone'),
      ]);
    });
  });
});

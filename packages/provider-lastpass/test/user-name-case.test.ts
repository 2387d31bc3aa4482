import { expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { codes, unique } from './support/batch-behaviour.js';
import { commandsSince, connectTo } from './support/connect.js';

const COMPANY = 30;
let exact: LastPassSimulator;
let insensitive: LastPassSimulator;
beforeAll(async () => {
  exact = await startLastPassSimulator({
    seed: { users: COMPANY, random: 21 },
    quirks: { userNameLookup: 'exact', batchaddExisting: 'upsert' },
  });
  insensitive = await startLastPassSimulator({ seed: { users: COMPANY, random: 22 } });
});
afterAll(async () => {
  await exact.close();
  await insensitive.close();
});

/** A stored name with capitals, and the same name as a caller may spell it. */
function storedMixedCase(simulator: LastPassSimulator) {
  const stored = `Mary.Ann.${unique('Case')}`.replace(/^(.)/, (first) => first.toUpperCase());
  simulator.state.addUser({ username: stored, fullname: 'Mary Ann Kept' });
  return { stored, asked: stored.toLowerCase() };
}

/** Requests spent by the first and the second lookup of a connection that find nobody. */
async function missCosts(simulator: LastPassSimulator): Promise<number[]> {
  const { connection } = await connectTo(simulator, { pageSize: 1000 });
  const costs: number[] = [];
  for (const label of ['first-miss', 'next-miss']) {
    const from = simulator.requests.length;
    await expectProvisioningError(connection.directory.getUser({ userName: unique(label) }), 'not_found');
    costs.push(commandsSince(simulator, from).length);
  }
  return costs;
}

describe('LastPassUserDirectory and the letter case of user names', () => {
  describe('against a server whose username lookup matches exactly', () => {
    it('finds a user asked for in another case (getUser, LastPassApi refs alike)', async () => {
      const { connection } = await connectTo(exact, { pageSize: 10 });
      const { stored, asked } = storedMixedCase(exact);
      expect((await connection.directory.getUser({ userName: asked })).userName).toBe(stored);
      expect((await connection.directory.getUser({ userName: stored.toUpperCase() })).userName).toBe(stored);
      await expectProvisioningError(
        connection.directory.getUser({ userName: unique('nobody') }),
        'not_found',
      );
    });

    it('reports a create of an existing user spelled otherwise as a conflict, and never overwrites it', async () => {
      const { connection } = await connectTo(exact);
      const { stored, asked } = storedMixedCase(exact);
      const from = exact.requests.length;
      const result = await connection.directory.createUsers([{ userName: asked, displayName: 'Overwriter' }]);
      expect(codes(result.items)).toEqual(['conflict']);
      expect(commandsSince(exact, from)).not.toContain('batchadd');
      expect(exact.state.getUserByName(stored)?.fullname).toBe('Mary Ann Kept');
    });

    it('refuses to rename a user onto a name held in another case, before sending', async () => {
      const { connection } = await connectTo(exact);
      const { asked } = storedMixedCase(exact);
      const user = await connection.directory.createUser({ userName: unique('mover') });
      const from = exact.requests.length;
      await expectProvisioningError(
        connection.directory.updateUser({ id: user.id }, { userName: asked }),
        'conflict',
      );
      expect(commandsSince(exact, from)).not.toContain('updateemail');
    });

    it('costs a two-request probe once, then a listing for each miss', async () => {
      // Lookup, page of one, lookup in the other case, then the company's page and the empty one;
      // later misses: the lookup and the listing.
      expect(await missCosts(exact)).toEqual([5, 3]);
    });
  });

  describe('against a server whose username lookup ignores case', () => {
    it('costs a two-request probe once, then believes misses', async () => {
      expect(await missCosts(insensitive)).toEqual([3, 1]);
    });

    it("skips the probe when told how the account matches (userNameMatching: 'case-insensitive')", async () => {
      const { connection } = await connectTo(insensitive, { userNameMatching: 'case-insensitive' });
      const from = insensitive.requests.length;
      await expectProvisioningError(connection.directory.getUser({ userName: unique('miss') }), 'not_found');
      expect(commandsSince(insensitive, from)).toEqual(['getuserdata']);
    });
  });
});

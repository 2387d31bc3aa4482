import { collectAll } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { connectTo } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator({ seed: { users: 3, random: 5 } });
});
afterAll(() => simulator.close());

describe('LastPass keeps one login email', () => {
  it('declares it, so core refuses a new user whose email is not its user name before a request', async () => {
    const { connection } = await connectTo(simulator);
    expect(connection.directory.capabilities.emailIsUserName).toBe(true);
    const from = simulator.requests.length;
    await expect(
      connection.directory.createUser({ userName: 'new.person@example.com', email: 'other@example.com' }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { issues: [{ path: 'input.email' }] } });
    expect(simulator.requests.length).toBe(from);
  });

  it('plans no email change, which would rename the account, for a desired email other than the user name', async () => {
    const { kit, connection } = await connectTo(simulator);
    const users = await collectAll(connection.directory.listUsers());
    const first = users[0]!;
    const desired = users.map((user) => ({
      userName: user.userName,
      ...(user.id === first.id ? { email: 'someone.else@example.com' } : {}),
    }));
    const plan = await kit.plan({ connections: [connection], desired });
    const [planned] = plan.connections;
    expect(planned!.actions).toEqual([]);
    expect(planned).toMatchObject({ issueCount: 1, issues: [{ line: 1, field: 'email' }] });
  });
});

import { collectAll, expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { codes, unique } from './support/batch-behaviour.js';
import { connectTo } from './support/connect.js';

const COMPANY = 20;
let simulator: LastPassSimulator;

// The other side of every uncertain ([U]) wire behaviour the simulator can switch, at once.
beforeAll(async () => {
  simulator = await startLastPassSimulator({
    seed: { users: COMPANY, random: 21 },
    quirks: {
      maxPageSize: 3,
      pastLastPage: 'error',
      emptyUsersAs: 'object',
      omitEmptyGroups: false,
      groupsScope: 'company',
      numbersAsStrings: false,
      autoCreateGroups: false,
      timezone: 'Europe/Berlin',
    },
  });
});
afterAll(() => simulator.close());

const berlin = { timeZone: 'Europe/Berlin' } as const;

describe('LastPassUserDirectory against the other quirks', () => {
  it('lists everyone when LastPass caps the page size below the one asked, never asking past the end', async () => {
    const { connection } = await connectTo(simulator, berlin);
    const users = await collectAll(connection.directory.listUsers({ pageSize: 10 }));
    expect(users).toHaveLength(simulator.state.userCount);
  });

  it('keeps each user its own groups when Groups describes the whole company', async () => {
    const { connection } = await connectTo(simulator, berlin);
    const users = await collectAll(connection.directory.listUsers({ pageSize: 4 }));
    for (const user of users) {
      expect([...user.groups].sort()).toEqual([...simulator.state.getUserById(user.id)!.groups].sort());
    }
    const groups = await connection.directory.listGroups();
    for (const group of groups)
      expect(group.memberCount).toBe(simulator.state.groups.get(group.name)?.length);
  });

  it('reads timestamps in the configured zone', async () => {
    const { connection } = await connectTo(simulator, berlin);
    const user = await connection.directory.createUser({ userName: unique() });
    const created = simulator.state.getUserById(user.id)!.created;
    expect(Date.parse(user.createdAt!)).toBe(Math.floor(created / 1000) * 1000);
    const utc = await connectTo(simulator, { timeZone: 'UTC' });
    const misread = await utc.connection.directory.getUser({ id: user.id });
    expect(Date.parse(misread.createdAt!)).not.toBe(Date.parse(user.createdAt!));
  });

  it('answers not_found for an unknown user served as {"Users":{}}', async () => {
    const { connection } = await connectTo(simulator, berlin);
    await expectProvisioningError(connection.directory.getUser({ userName: unique() }), 'not_found');
  });

  it('fails a created user LastPass warned about (unknown group) as provider_error', async () => {
    const { connection } = await connectTo(simulator, berlin);
    const result = await connection.directory.createUsers([
      { userName: unique(), groups: ['No Such Group'] },
      { userName: unique() },
    ]);
    expect(codes(result.items)).toEqual(['provider_error', 'ok']);
  });

  it('answers not_found when a group to join does not exist', async () => {
    const { connection } = await connectTo(simulator, berlin);
    const user = await connection.directory.createUser({ userName: unique() });
    await expectProvisioningError(
      connection.directory.addToGroups({ id: user.id }, ['Nowhere']),
      'not_found',
    );
  });
});

import { collectAll } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { unique } from './support/batch-behaviour.js';
import { connectTo } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator({ quirks: { invitedList: 'omitted' } });
});
afterAll(() => simulator.close());

describe('LastPassUserDirectory without an invited list (recorded-style answers)', () => {
  it('reads never-logged-in users as invited, others by their flags', async () => {
    const { connection } = await connectTo(simulator);
    const pending = unique('pending');
    const active = unique('active');
    const blocked = unique('blocked');
    simulator.state.addUser({ username: pending, invited: true });
    simulator.state.addUser({ username: active });
    simulator.state.addUser({ username: blocked, invited: true, disabled: true });
    const byName = new Map(
      (await collectAll(connection.directory.listUsers())).map((user) => [user.userName, user]),
    );
    expect([pending, active, blocked].map((name) => byName.get(name)?.status)).toEqual([
      'invited',
      'active',
      'suspended',
    ]);
    expect((await connection.directory.getUser({ userName: pending })).status).toBe('invited');
  });

  it('creates users that read invited, whose invitation can be cancelled', async () => {
    const { connection } = await connectTo(simulator);
    const user = await connection.directory.createUser({ userName: unique('new') });
    expect(user.status).toBe('invited');
    await connection.directory.cancelInvitation({ id: user.id });
    expect(simulator.state.departures.at(-1)).toMatchObject({ id: user.id, reason: 'uninvited' });
  });

  it('reads a user invited until the first login as active afterwards', async () => {
    const { connection } = await connectTo(simulator);
    const user = await connection.directory.createUser({ userName: unique('joins') });
    simulator.state.recordLogin(user.userName);
    expect((await connection.directory.getUser({ id: user.id })).status).toBe('active');
  });
});

import { UserDirectory as DirectoryToken, type NewUser, type UserDirectory } from '@provisionkit/core';
import { expectIssueAt, expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { codes, unique } from './support/batch-behaviour.js';
import { commandsSince, connectTo } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator();
});
afterAll(() => simulator.close());

// The longest name parts the model accepts: together they make a 513-character full name.
const LONG_PARTS = { givenName: 'G'.repeat(256), familyName: 'F'.repeat(256) };

const batchWith = (index: number, item: Partial<NewUser>, size = 30): NewUser[] =>
  Array.from({ length: size }, (_, position) => ({
    userName: unique('limits'),
    ...(position === index ? item : {}),
  }));

describe('LastPassUserDirectory item limits', () => {
  describe('.createUsers', () => {
    it('fails only the item whose name parts make too long a full name, naming its fields', async () => {
      const { connection } = await connectTo(simulator, { batchSize: 10 });
      const batch = batchWith(12, LONG_PARTS);
      const result = await connection.directory.createUsers(batch);
      const expected = Array(30).fill('ok');
      expected[12] = 'invalid_input';
      expect(codes(result.items)).toEqual(expected);
      const failed = result.items[12]!;
      expect(failed.index).toBe(12);
      if (failed.ok) throw new Error('expected a failure');
      expectIssueAt(failed.error, 'givenName');
      expectIssueAt(failed.error, 'familyName');
      expect(simulator.state.getUserByName(batch[12]!.userName)).toBeUndefined();
    });

    it('sends a 512-character full name', async () => {
      const { connection } = await connectTo(simulator);
      const user = await connection.directory.createUser({
        userName: unique('longest'),
        givenName: 'G'.repeat(256),
        familyName: 'F'.repeat(255),
      });
      expect(user.displayName).toHaveLength(512);
    });

    it('isolates any item the wire schema refuses, also when called without core in front', async () => {
      const { connection } = await connectTo(simulator, { batchSize: 10 });
      const raw = connection.get<UserDirectory>(DirectoryToken);
      const batch = batchWith(3, { groups: ['g'.repeat(300)] }, 12);
      const from = simulator.requests.length;
      const result = await raw.createUsers(batch);
      const expected = Array(12).fill('ok');
      expected[3] = 'invalid_input';
      expect(codes(result.items)).toEqual(expected);
      const failed = result.items[3]!;
      if (failed.ok) throw new Error('expected a failure');
      expectIssueAt(failed.error, 'groups');
      expect(commandsSince(simulator, from).filter((cmd) => cmd === 'batchadd')).toHaveLength(2);
    });
  });

  describe('.createUsers (without core in front)', () => {
    it('gives a hole of a sparse batch its own result', async () => {
      const { connection } = await connectTo(simulator);
      const raw = connection.get<UserDirectory>(DirectoryToken);
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      const result = await raw.createUsers([, { userName: unique('after-hole') }] as NewUser[]);
      expect(result.items.map((item) => item.index)).toEqual([0, 1]);
      expect(codes(result.items)).toEqual(['invalid_input', 'ok']);
    });
  });

  describe('.updateUser', () => {
    it('refuses name parts that make too long a full name before anything is sent', async () => {
      const { connection } = await connectTo(simulator);
      const user = await connection.directory.createUser({
        userName: unique('grow'),
        givenName: 'Ada',
        familyName: 'F'.repeat(256),
      });
      const from = simulator.requests.length;
      const error = await expectProvisioningError(
        connection.directory.updateUser({ id: user.id }, { givenName: 'G'.repeat(256) }),
        'invalid_input',
      );
      expectIssueAt(error, 'patch.givenName');
      expect(commandsSince(simulator, from)).not.toContain('updateuser');
    });
  });
});

import { expectProvisioningError } from '@provisionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { unique } from './support/batch-behaviour.js';
import { commandsSince, connectTo } from './support/connect.js';

const COMPANY = 30;
let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator({ seed: { users: COMPANY, random: 8 } });
});
afterAll(() => simulator.close());

/** The newest user: on the last page of any listing. */
const lastSeeded = () => simulator.state.listUsers().at(-1)!;

describe('LastPassUserDirectory', () => {
  describe('.getUser by id', () => {
    it('uses one username lookup when the id is cached', async () => {
      const { connection } = await connectTo(simulator);
      const created = await connection.directory.createUser({ userName: unique() });
      const from = simulator.requests.length;
      expect((await connection.directory.getUser({ id: created.id })).userName).toBe(created.userName);
      expect(commandsSince(simulator, from)).toEqual(['getuserdata']);
    });

    it('pages through the company on a cache miss, then knows the id', async () => {
      // Two pages, the user on the last one: nothing is fetched ahead past it.
      const pageSize = Math.ceil(simulator.state.userCount / 2);
      const { connection } = await connectTo(simulator, { pageSize });
      const target = lastSeeded();
      const from = simulator.requests.length;
      expect((await connection.directory.getUser({ id: target.id })).userName).toBe(target.username);
      expect(commandsSince(simulator, from)).toEqual(['getuserdata', 'getuserdata']);
      const again = simulator.requests.length;
      await connection.directory.getUser({ id: target.id });
      expect(commandsSince(simulator, again)).toEqual(['getuserdata']);
    });

    it('still resolves ids with the cache turned off (idCacheSize 0), by paging', async () => {
      const { connection } = await connectTo(simulator, { idCacheSize: 0, pageSize: 5 });
      const created = await connection.directory.createUser({ userName: unique() });
      const from = simulator.requests.length;
      expect((await connection.directory.getUser({ id: created.id })).userName).toBe(created.userName);
      // The newest user is on the last page: every page is read, none is a username lookup.
      expect(commandsSince(simulator, from).length).toBe(Math.ceil(simulator.state.userCount / 5));
    });

    it('finds a user renamed behind its back: the cached name no longer matches', async () => {
      const { connection } = await connectTo(simulator);
      const created = await connection.directory.createUser({ userName: unique() });
      const renamed = unique('elsewhere');
      simulator.state.renameUser(created.userName, renamed);
      expect((await connection.directory.getUser({ id: created.id })).userName).toBe(renamed);
    });

    it('answers not_found for an unknown numeric id after paging to the end', async () => {
      const { connection } = await connectTo(simulator, { pageSize: 1000 });
      const from = simulator.requests.length;
      await expectProvisioningError(connection.directory.getUser({ id: '999999999999' }), 'not_found');
      // The company's one page, then the empty page that proves the end.
      expect(commandsSince(simulator, from)).toEqual(['getuserdata', 'getuserdata']);
    });

    it('answers not_found for an id that is not a LastPass number without calling LastPass', async () => {
      const { connection } = await connectTo(simulator);
      const from = simulator.requests.length;
      await expectProvisioningError(connection.directory.getUser({ id: lastSeeded().username }), 'not_found');
      expect(commandsSince(simulator, from)).toEqual([]);
    });
  });

  describe('.getUser by userName', () => {
    it('matches case-insensitively with one lookup', async () => {
      const { connection } = await connectTo(simulator);
      const target = lastSeeded();
      const from = simulator.requests.length;
      expect((await connection.directory.getUser({ userName: target.username.toUpperCase() })).id).toBe(
        target.id,
      );
      expect(commandsSince(simulator, from)).toEqual(['getuserdata']);
      await expectProvisioningError(
        connection.directory.getUser({ userName: unique('nobody') }),
        'not_found',
      );
    });
  });
});

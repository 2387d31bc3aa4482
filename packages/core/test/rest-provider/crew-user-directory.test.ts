import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, createProvisionKit, type UserDirectory } from '@provisionkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { crewProvider } from './crew-provider.js';
import { CrewSandbox, type CrewSandboxOptions } from './crew-sandbox.js';

const apiToken = `crew_${randomUUID()}`;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function open(options: Partial<CrewSandboxOptions> = {}) {
  const sandbox = await CrewSandbox.start({ apiToken, ...options });
  let log = '';
  const destination = new Writable({
    write(chunk, _encoding, done) {
      log += String(chunk);
      done();
    },
  });
  const kit = createProvisionKit({ plugins: [crewProvider], logger: createLogger({ destination }) });
  const connection = await kit.connect({
    provider: 'crew',
    tenant: 'acme',
    config: { baseUrl: sandbox.baseUrl, apiToken },
  });
  cleanups.push(async () => {
    await kit.close();
    await sandbox.stop();
  });
  return { sandbox, directory: connection.directory, log: () => log };
}

async function seed(directory: UserDirectory, count: number): Promise<void> {
  for (let index = 0; index < count; index++) await directory.createUser({ userName: `m${index}@crew.test` });
}

describe('CrewUserDirectory (built on the HTTP toolkit)', () => {
  describe('.listUsers', () => {
    it('pages by cursor through every member', async () => {
      const { directory, sandbox } = await open();
      await seed(directory, 120);
      const before = sandbox.requests;
      const names: string[] = [];
      for await (const user of directory.listUsers({ pageSize: 50 })) names.push(user.userName);
      expect(names).toHaveLength(120);
      expect(sandbox.requests - before).toBe(3);
    });

    it('ends cancelled when the caller aborts between pages', async () => {
      const { directory } = await open();
      await seed(directory, 30);
      const controller = new AbortController();
      const listed: string[] = [];
      const error = await (async () => {
        for await (const user of directory.listUsers({ pageSize: 10, signal: controller.signal })) {
          listed.push(user.userName);
          if (listed.length === 12) controller.abort();
        }
      })().catch((caught) => caught);
      expect(error).toMatchObject({ code: 'cancelled' });
      expect(listed).toHaveLength(12);
    });
  });

  describe('.createUser', () => {
    it('waits out a 429 with Retry-After and succeeds', async () => {
      const { directory, sandbox } = await open({ throttleEvery: 2, retryAfterSeconds: 1 });
      await directory.createUser({ userName: 'first@crew.test' });
      const user = await directory.createUser({ userName: 'slow@crew.test' });
      expect(user.userName).toBe('slow@crew.test');
      expect(sandbox.members.size).toBe(2);
      expect(sandbox.requests).toBe(3);
    });

    it('reports a taken login, in any letter case, as conflict', async () => {
      const { directory } = await open();
      await directory.createUser({ userName: 'Mia@crew.test' });
      await expect(directory.createUser({ userName: 'mia@CREW.test' })).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('settles a create whose answer was lost by reading, without creating it twice', async () => {
      const { directory, sandbox, log } = await open({ dropCreateAnswers: 1 });
      const user = await directory.createUser({ userName: 'lost@crew.test', displayName: 'Lost Answer' });
      expect(user).toMatchObject({ userName: 'lost@crew.test', displayName: 'Lost Answer' });
      expect(sandbox.members.size).toBe(1);
      expect(log()).toContain('"outcome":"retry"');
      expect(log()).not.toContain(apiToken);
    });
  });

  describe('.verifyCredentials', () => {
    it('reports a refused token as invalid, without the token in the message', async () => {
      const { sandbox } = await open();
      const kit = createProvisionKit({ plugins: [crewProvider] });
      cleanups.push(() => kit.close());
      const badToken = `crew_${randomUUID()}`;
      const connection = await kit.connect({
        provider: 'crew',
        tenant: 'acme',
        config: { baseUrl: sandbox.baseUrl, apiToken: badToken },
      });
      const check = await connection.directory.verifyCredentials();
      expect(check.status).toBe('invalid');
      expect(JSON.stringify(check)).not.toContain(badToken);
    });
  });
});

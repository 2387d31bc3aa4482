import fc from 'fast-check';
import { ContainerModule, injectable } from 'inversify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../logging/create-logger.js';
import { secret } from '../model/secret.js';
import type { ProviderCapabilities } from '../spi/provider-capabilities.js';
import { defineProviderPlugin } from '../spi/provider-plugin.js';
import { UserDirectory } from '../spi/user-directory.js';
import { createProvisionKit } from './create-provision-kit.js';

const CAPABILITIES: ProviderCapabilities = {
  verbs: ['verifyCredentials'],
  maxPageSize: 1,
  defaultPageSize: 1,
};

@injectable()
class IdleDirectory {
  async verifyCredentials() {
    return { status: 'valid' as const, checkedAt: new Date().toISOString() };
  }
}

// `retry` is opaque to the schema; `vault` is a secret-marked object whose every string is a secret.
const plugin = defineProviderPlugin({
  id: 'graph',
  displayName: 'Graph',
  configSchema: z.object({
    apiKey: secret(z.string().min(8)),
    retry: z.unknown(),
    vault: secret(z.unknown()).optional(),
  }),
  capabilities: CAPABILITIES,
  createModule: () =>
    new ContainerModule(({ bind }) => {
      bind(UserDirectory).to(IdleDirectory);
    }),
});

const connect = (config: unknown) =>
  createProvisionKit({ plugins: [plugin], logger: silentLogger() }).connect({
    provider: 'graph',
    tenant: 't',
    config,
  });

/**
 * A layered DAG: every node of a level has `fanout` keys, each pointing to a node of the next level
 * (so objects are shared and the number of paths grows as fanout^depth). Each node is a proxy that
 * counts the reads made through it: the work a config walk does, without timing anything.
 */
function layeredDag(depth: number, width: number, fanout: number, picks: readonly number[]) {
  const counter = { reads: 0, nodes: 0, edges: 0 };
  const count = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        counter.reads += 1;
        return Reflect.get(object, key, receiver);
      },
      ownKeys(object) {
        counter.reads += 1;
        return Reflect.ownKeys(object);
      },
    });
  let next: object[] = Array.from({ length: width }, (_, index) => count({ leaf: `value-${index}` }));
  counter.nodes += width;
  let pick = 0;
  for (let level = 0; level < depth; level += 1) {
    const below = next;
    next = Array.from({ length: width }, () => {
      const node: Record<string, unknown> = {};
      for (let key = 0; key < fanout; key += 1) {
        node[`k${key}`] = below[(picks[pick++ % picks.length] ?? 0) % below.length];
        counter.edges += 1;
      }
      counter.nodes += 1;
      return count(node);
    });
  }
  return { root: next[0]!, counter };
}

describe('ProvisionKit', () => {
  describe('.connect config graphs', () => {
    it('reads a config of shared objects in time linear in its size (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 14 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 2, max: 4 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
          async (depth, width, fanout, picks) => {
            const { root, counter } = layeredDag(depth, width, fanout, picks);
            const connection = await connect({ apiKey: 'key-0123456789', retry: root, vault: root });
            await connection.close();
            // A handful of reads per node and per edge, for each walk (config scan, secret values).
            expect(counter.reads).toBeLessThanOrEqual(20 * (counter.nodes + counter.edges) + 50);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('connects with an object that refers to another one 11 times over, ten levels deep', async () => {
      const { root, counter } = layeredDag(10, 1, 11, [0]);
      await (await connect({ apiKey: 'key-0123456789', retry: root })).close();
      expect(counter.reads).toBeLessThan(1000);
    });

    it('refuses a config with a cycle as invalid_input naming the path', async () => {
      const retry: Record<string, unknown> = { attempts: 3 };
      retry.self = retry;
      await expect(connect({ apiKey: 'key-0123456789', retry })).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'config.retry.self' })],
      });
      const list: unknown[] = [{}];
      (list[0] as Record<string, unknown>).back = list;
      await expect(connect({ apiKey: 'key-0123456789', retry: { list } })).rejects.toMatchObject({
        code: 'invalid_input',
        issues: [expect.objectContaining({ path: 'config.retry.list.0.back' })],
      });
    });

    it('reads a very deep chain without overflowing the stack', async () => {
      let chain: Record<string, unknown> = { end: true };
      for (let level = 0; level < 100_000; level += 1) chain = { next: chain };
      await (await connect({ apiKey: 'key-0123456789', retry: chain })).close();
    });

    it('still scrubs every string of a shared secret-marked object from errors', async () => {
      const shared = { token: 'shared-token-7f7f7f' };
      const vault = { a: shared, b: shared, c: [shared, shared] };
      const error = await connect({ apiKey: 'short', retry: {}, vault }).catch((caught: unknown) => caught);
      expect(JSON.stringify(error)).not.toContain('shared-token-7f7f7f');
      expect(error).toMatchObject({ code: 'invalid_input' });
    });
  });
});

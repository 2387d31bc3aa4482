import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { batchOf, budgetSince } from './support/call-budget.js';
import { connectTo } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator();
});
afterAll(() => simulator.close());

// Call counts, not timings: the write budget of a bulk create is a correctness property.
describe('LastPassUserDirectory.createUsers call budget (batchSize 500, pageSize 1000)', () => {
  // The check before reads the whole company, up to the empty page that ends the listing; the
  // read-back stops as soon as it has found every user it created.
  it('creates 1,000 users into an empty company with 2 writes and 4 calls in all', async () => {
    const { connection } = await connectTo(simulator);
    const from = simulator.requests.length;
    expect((await connection.directory.createUsers(batchOf(1_000, 'first'))).succeeded).toBe(1_000);
    // One (empty) page before, two batchadd, one page of 1,000 after.
    expect(budgetSince(simulator, from)).toEqual({ writes: 2, total: 4 });
  });

  it('creates 1,000 more with 2 writes, two pages before and two after', async () => {
    const { connection } = await connectTo(simulator);
    const from = simulator.requests.length;
    expect((await connection.directory.createUsers(batchOf(1_000, 'second'))).succeeded).toBe(1_000);
    expect(budgetSince(simulator, from)).toEqual({ writes: 2, total: 6 });
  });
});

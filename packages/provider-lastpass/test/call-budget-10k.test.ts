import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LastPassSimulator, startLastPassSimulator } from '../src/testing/index.js';
import { batchOf, budgetSince } from './support/call-budget.js';
import { connectTo } from './support/connect.js';

let simulator: LastPassSimulator;
beforeAll(async () => {
  simulator = await startLastPassSimulator();
});
afterAll(() => simulator.close());

describe('LastPassUserDirectory.createUsers call budget', () => {
  it('creates 10,000 users into an empty company in ceil(N/batchSize) writes and a bounded total', async () => {
    const { connection } = await connectTo(simulator);
    const from = simulator.requests.length;
    const result = await connection.directory.createUsers(batchOf(10_000, 'ten-k'));
    expect(result.succeeded).toBe(10_000);
    const writes = Math.ceil(10_000 / 500);
    expect(budgetSince(simulator, from).writes).toBe(writes);
    expect(budgetSince(simulator, from).total).toBeLessThanOrEqual(writes + Math.ceil(10_000 / 1000) + 2);
    // Exactly: one empty page before, 20 writes, 10 pages after (the read-back stops once it has
    // found every user).
    expect(budgetSince(simulator, from).total).toBe(31);
  });
});

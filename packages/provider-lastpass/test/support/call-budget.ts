import type { LastPassSimulator } from '../../src/testing/index.js';
import { commandsSince } from './connect.js';

/** Write calls (`batchadd`) and all calls the simulator answered since `from`. */
export function budgetSince(simulator: LastPassSimulator, from: number) {
  const sent = commandsSince(simulator, from);
  return { writes: sent.filter((cmd) => cmd === 'batchadd').length, total: sent.length };
}

export const batchOf = (count: number, label: string) =>
  Array.from({ length: count }, (_, index) => ({
    userName: `${label}-${index}@example.com`,
    givenName: 'Bulk',
  }));

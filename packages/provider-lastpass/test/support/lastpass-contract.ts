import { describeProviderContract } from '@provisionkit/core/testing';
import { lastpassProvider } from '../../src/index.js';
import { lastpassSandbox, type SimulatorQuirks } from '../../src/testing/index.js';

/** The contract against a simulator with `quirks`: one call, as `test/contract.test.ts` makes it. */
export function describeLastPassContract(name: string, quirks: Partial<SimulatorQuirks> = {}): void {
  describeProviderContract({ name, plugin: lastpassProvider, sandbox: lastpassSandbox({ quirks }) });
}

export { createMockDirectory, type MockDirectoryOptions } from './create-mock-directory.js';
export type {
  BatchItemSelector,
  CredentialFault,
  FailBatchItemsOptions,
  FailNextOptions,
  LatencyOptions,
} from './faults/fault-options.js';
export { MockFaults } from './faults/mock-faults.js';
export {
  MOCK_DEFAULT_MAX_BATCH_SIZE,
  MOCK_DEFAULT_PAGE_SIZE,
  MOCK_MAX_PAGE_SIZE,
  mockCapabilities,
} from './mock-capabilities.js';
export { MockClock } from './mock-clock.js';
export { type MockConfig, type MockConfigInput, mockConfigSchema } from './mock-config.js';
export {
  createMockProvider,
  type MockProviderOptions,
  type MockProviderPlugin,
  mockProvider,
} from './mock-plugin.js';
export { mockSandbox } from './mock-sandbox.js';
export type { MockStats } from './mock-stats.js';
export { MockUserDirectory } from './mock-user-directory.js';

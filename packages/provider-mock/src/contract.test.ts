import { describeProviderContract } from '@provisionkit/core/testing';
import { createMockProvider } from './mock-plugin.js';
import { mockSandbox } from './mock-sandbox.js';

describeProviderContract({ plugin: createMockProvider(), sandbox: mockSandbox() });

// The other branches of the contract: invited users (cancelInvitation) and batches split by core.
const inviting = mockSandbox({ createsInvitedUsers: true, maxBatchSize: 2 });
describeProviderContract({
  name: 'mock inviting users, batches of 2',
  plugin: createMockProvider(),
  sandbox: inviting,
});

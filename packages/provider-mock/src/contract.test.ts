import { describeProviderContract } from '@provisionkit/core/testing';
import { createMockProvider } from './mock-plugin.js';
import { mockSandbox } from './mock-sandbox.js';

describeProviderContract({ plugin: createMockProvider(), sandbox: mockSandbox() });

// The other branches of the contract: invited users (cancelInvitation), batches split by core and
// user names that must be email addresses.
const inviting = mockSandbox({ createsInvitedUsers: true, maxBatchSize: 2, userNameFormat: 'email' });
describeProviderContract({
  name: 'mock inviting users, batches of 2, email user names',
  plugin: createMockProvider(),
  sandbox: inviting,
});

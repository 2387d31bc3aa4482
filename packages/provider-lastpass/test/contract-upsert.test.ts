import { describeProviderContract } from '@provisionkit/core/testing';
import { lastpassProvider } from '../src/index.js';
import { lastpassSandbox } from '../src/testing/index.js';

// `batchadd` silently updates an existing user (the legacy documentation's wording): duplicates
// must still be reported as conflicts and existing users left untouched.
describeProviderContract({
  name: 'LastPass, batchadd upserting',
  plugin: lastpassProvider,
  sandbox: lastpassSandbox({ quirks: { batchaddExisting: 'upsert' } }),
});

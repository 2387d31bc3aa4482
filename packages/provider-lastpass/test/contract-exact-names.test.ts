import { describeProviderContract } from '@provisionkit/core/testing';
import { lastpassProvider } from '../src/index.js';
import { lastpassSandbox } from '../src/testing/index.js';

// [U] A LastPass whose `getuserdata` username lookup matches only the exact stored spelling: a user
// that exists must still never read as missing because of letter case.
describeProviderContract({
  name: 'LastPass, user-name lookups matching exactly',
  plugin: lastpassProvider,
  sandbox: lastpassSandbox({ quirks: { userNameLookup: 'exact' } }),
});

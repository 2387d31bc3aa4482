import { describeProviderContract } from '@provisionkit/core/testing';
import { lastpassProvider } from '../src/index.js';
import { lastpassSandbox } from '../src/testing/index.js';

// [U] Every recorded getuserdata answer lacks the `invited` list: pending invitations then show only
// as `neverloggedin`, and new users must still read `invited` (and be cancellable).
describeProviderContract({
  name: 'LastPass, without the invited list',
  plugin: lastpassProvider,
  sandbox: lastpassSandbox({ quirks: { invitedList: 'omitted' } }),
});

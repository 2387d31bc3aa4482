import { describeLastPassContract } from './support/lastpass-contract.js';

// [U] A LastPass whose `getuserdata` username lookup matches only the exact stored spelling: a user
// that exists must still never read as missing because of letter case.
describeLastPassContract('lastpass over the simulator, user-name lookups matching exactly', {
  userNameLookup: 'exact',
});

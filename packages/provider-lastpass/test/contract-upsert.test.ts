import { describeLastPassContract } from './support/lastpass-contract.js';

// `batchadd` silently updates an existing user (the legacy documentation's wording): duplicates
// must still be reported as conflicts and existing users left untouched.
describeLastPassContract('lastpass over the simulator, batchadd upserting', { batchaddExisting: 'upsert' });

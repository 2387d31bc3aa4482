import { describeLastPassContract } from './support/lastpass-contract.js';

// Default simulator: `batchadd` warns "already exists" for an existing user.
describeLastPassContract('lastpass over the simulator');

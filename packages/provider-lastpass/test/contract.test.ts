import { describeProviderContract } from '@provisionkit/core/testing';
import { lastpassProvider } from '../src/index.js';
import { lastpassSandbox } from '../src/testing/index.js';

// The default simulator: `batchadd` warns "already exists" for an existing user.
describeProviderContract({ plugin: lastpassProvider, sandbox: lastpassSandbox() });

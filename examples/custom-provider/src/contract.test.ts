import { describeProviderContract } from '@provisionkit/core/testing';
import { helpdeskProvider } from './index.js';
import { helpdeskSandbox } from './testing/index.js';

describeProviderContract({ plugin: helpdeskProvider, sandbox: helpdeskSandbox() });

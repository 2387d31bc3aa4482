import { describeProviderContract } from '@provisionkit/core/testing';
import { helpdeskProvider, helpdeskSandbox } from './index.js';

describeProviderContract({ plugin: helpdeskProvider, sandbox: helpdeskSandbox() });

import { describeProviderContract } from '@provisionkit/core/testing';
import { lastpassProvider } from '../src/index.js';
import { lastpassSandbox } from '../src/testing/index.js';

describeProviderContract({ plugin: lastpassProvider, sandbox: lastpassSandbox() });

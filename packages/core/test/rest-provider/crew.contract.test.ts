import { describeProviderContract } from '@provisionkit/core/testing';
import { crewProvider } from './crew-provider.js';
import { crewSandbox } from './crew-provider-sandbox.js';

describeProviderContract({
  plugin: crewProvider,
  sandbox: crewSandbox(),
  name: 'crew (a REST provider built on @provisionkit/core/http)',
});

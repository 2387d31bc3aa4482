import { defineProviderPlugin, UserDirectory } from '@provisionkit/core';
import { ContainerModule } from 'inversify';
import { CREW_CAPABILITIES, crewConfigSchema } from './crew-config.js';
import { CrewUserDirectory } from './crew-user-directory.js';

/** A provider for the Crew sandbox API, written against `@provisionkit/core/http` only. */
export const crewProvider = defineProviderPlugin({
  id: 'crew',
  displayName: 'Crew',
  configSchema: crewConfigSchema,
  capabilities: CREW_CAPABILITIES,
  createModule: () =>
    new ContainerModule(({ bind }) => {
      bind<UserDirectory>(UserDirectory).to(CrewUserDirectory).inSingletonScope();
    }),
});

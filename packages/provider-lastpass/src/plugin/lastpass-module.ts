import { ConnectionConfig, Logger, UserDirectory } from '@provisionkit/core';
import { ContainerModule } from 'inversify';
import { LastPassApi } from '../api/lastpass-api.js';
import { LastPassApiService } from '../api/lastpass-api-service.js';
import { LastPassClient } from '../client/index.js';
import { LastPassConnectionClient } from '../directory/connection-client.js';
import { LastPassUserDirectory } from '../directory/lastpass-user-directory.js';
import { LastPassUserLocator, UserLocator } from '../directory/user-locator.js';
import type { LastPassConfig } from './lastpass-config.js';

/**
 * Bindings of one LastPass connection. Everything is a singleton of the connection's container: one
 * client (its own limiter and rate budget), one id cache, shared by the directory and `LastPassApi`.
 */
export function createLastPassModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<LastPassClient>(LastPassConnectionClient)
      .toDynamicValue(
        (context) =>
          new LastPassClient(context.get<LastPassConfig>(ConnectionConfig), context.get<Logger>(Logger)),
      )
      .inSingletonScope();
    bind<UserLocator>(UserLocator).to(LastPassUserLocator).inSingletonScope();
    bind<UserDirectory>(UserDirectory).to(LastPassUserDirectory).inSingletonScope();
    bind<LastPassApi>(LastPassApi).to(LastPassApiService).inSingletonScope();
  });
}

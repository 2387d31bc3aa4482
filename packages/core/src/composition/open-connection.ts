import { Container, type ContainerModule } from 'inversify';
import { InvalidInputError, ProviderError, UnavailableError } from '../errors/error-classes.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { createChildLogger } from '../logging/create-child-logger.js';
import type { DirectoryWrite } from '../middleware/directory-write.js';
import { wrapDirectory } from '../middleware/wrap-directory.js';
import { isWrappedDirectory } from '../middleware/wrapped-directory.js';
import { copyError } from '../redaction/scrub-error.js';
import { secretValuesOf } from '../redaction/secret-values.js';
import { ConnectionConfig, ConnectionContext, type ProviderPlugin } from '../spi/provider-plugin.js';
import { UserDirectory } from '../spi/user-directory.js';
import { closableDirectory } from './closable-directory.js';
import { Logger } from './logger.js';
import type { Connection, ConnectionOperationEvent } from './provision-kit.js';

export interface OpenConnectionInput {
  readonly root: Container;
  readonly rootLogger: Logger;
  readonly plugin: ProviderPlugin;
  readonly context: ConnectionContext;
  readonly rawConfig: unknown;
  readonly config: unknown;
  readonly onOperation: ((event: ConnectionOperationEvent) => void) | undefined;
  readonly onClose: (connection: Connection) => void;
  /** Records successful writes in the kit's state store, when it has one. */
  readonly onUserWrite?: ((write: DirectoryWrite) => Promise<void>) | undefined;
}

/**
 * Builds one connection's child container: its validated config, context and child logger are bound
 * before the plugin's module is loaded, so the provider's classes can inject them. Nothing is shared
 * with other connections except what the root container holds.
 */
export async function openConnection(input: OpenConnectionInput): Promise<Connection> {
  const { plugin, context } = input;
  const schema = plugin.configSchema;
  const secrets = [...secretValuesOf(schema, input.config), ...secretValuesOf(schema, input.rawConfig)];
  const logger = createChildLogger(
    input.rootLogger,
    { provider: plugin.id, tenant: context.tenant },
    secrets,
  );
  const container = new Container({ parent: input.root });
  container.bind(ConnectionConfig).toConstantValue(input.config);
  container.bind(ConnectionContext).toConstantValue(context);
  container.bind(Logger).toConstantValue(logger);

  let closed = false;
  // Aborted by close(): operations in flight end `cancelled` and the provider's signals abort.
  const lifetime = new AbortController();
  let module: ContainerModule;
  let inner: UserDirectory;
  try {
    module = plugin.createModule();
    await container.loadAsync(module);
    inner = await container.getAsync<UserDirectory>(UserDirectory);
  } catch (error) {
    throw copyError(pluginFailure(error, plugin.id, 'open the connection'), { secrets, provider: plugin.id });
  }
  const onOperation = input.onOperation;
  const directory = wrapDirectory(
    isWrappedDirectory(inner) ? inner : closableDirectory(inner, () => closed),
    {
      logger,
      secrets,
      signal: lifetime.signal,
      onOperation:
        onOperation === undefined
          ? undefined
          : (event) => onOperation({ ...event, tenant: context.tenant, connectionId: context.connectionId }),
      onUserWrite: input.onUserWrite,
    },
  );

  const connection: Connection = {
    context,
    directory,
    get<T>(token: symbol): T {
      if (closed) throw new UnavailableError('The connection is closed', { provider: plugin.id });
      if (!container.isBound(token)) {
        throw new InvalidInputError(
          'Nothing is bound to this token in the connection',
          [{ path: 'token', message: 'is not bound' }],
          { provider: plugin.id },
        );
      }
      try {
        return container.get<T>(token);
      } catch (error) {
        throw copyError(pluginFailure(error, plugin.id, 'resolve a service'), {
          secrets,
          provider: plugin.id,
        });
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      lifetime.abort(new Error('The connection was closed'));
      input.onClose(connection);
      try {
        await (inner as { close?: () => unknown }).close?.call(inner);
      } catch (error) {
        throw copyError(pluginFailure(error, plugin.id, 'close the connection'), {
          secrets,
          provider: plugin.id,
        });
      } finally {
        await container.unloadAsync(module);
      }
    },
  };
  return connection;
}

/** Plugin failures: a typed provisioning error passes through, anything else is a `ProviderError`. */
function pluginFailure(error: unknown, provider: string, what: string): ProvisioningError {
  if (ProvisioningError.is(error)) return error;
  const kind = error instanceof Error ? error.name : typeof error;
  return new ProviderError(`The ${provider} plugin failed to ${what} (${kind})`, { provider, cause: error });
}

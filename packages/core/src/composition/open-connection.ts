import type { Container } from 'inversify';
import { ProviderError, UnavailableError } from '../errors/error-classes.js';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { missingMethods } from '../middleware/directory-methods.js';
import type { DirectoryWrite } from '../middleware/directory-write.js';
import { wrapProviderDirectory } from '../middleware/wrap-directory.js';
import { isWrappedDirectory, withLifetime } from '../middleware/wrapped-directory.js';
import { normalizeSecrets } from '../redaction/redact-text.js';
import { copyError } from '../redaction/scrub-error.js';
import { secretValuesOf } from '../redaction/secret-values.js';
import type { Capabilities } from '../spi/capabilities.js';
import type { ProviderDirectory } from '../spi/provider-directory.js';
import type { ConnectionContext } from '../spi/provider-plugin.js';
import type { UserDirectory } from '../spi/user-directory.js';
import { sourceOf, type Telemetry } from '../telemetry/telemetry.js';
import { connectionLogger } from './connection-logger.js';
import { ConnectionServices } from './connection-services.js';
import type { Logger } from './logger.js';
import { pluginFailure } from './plugin-failure.js';
import type { PluginRegistration } from './plugin-registration.js';
import type { Connection, ConnectionOperationEvent } from './provision-kit.js';

export interface OpenConnectionInput {
  readonly root: Container;
  readonly rootLogger: Logger;
  readonly registration: PluginRegistration;
  readonly context: ConnectionContext;
  readonly rawConfig: unknown;
  readonly config: unknown;
  readonly onOperation: ((event: ConnectionOperationEvent) => void) | undefined;
  readonly telemetry: Telemetry;
  readonly onClose: (connection: Connection) => void;
  /** Records successful writes in the kit's state store, when it has one. */
  readonly onUserWrite?: ((write: DirectoryWrite) => Promise<void>) | undefined;
}

/**
 * Opens one connection: its child logger (scrubbing the config's secrets), its directory (from the
 * plugin's `createDirectory`, or the module's `UserDirectory` binding), checked to implement every
 * declared verb, and core's wrapper around it. Nothing is shared with other connections except the
 * plugin's resolved capabilities, which are data. A failure names its cause, scrubbed, and is
 * logged with its cause chain.
 */
export async function openConnection(input: OpenConnectionInput): Promise<Connection> {
  const { registration, context } = input;
  const { plugin } = registration;
  const schema = plugin.configSchema;
  // One normalized list for the logger, the wrapper and errors: one matcher per connection at most.
  const secrets = normalizeSecrets([
    ...secretValuesOf(schema, input.config),
    ...secretValuesOf(schema, input.rawConfig),
  ]);
  const logger = connectionLogger(input.rootLogger, context, secrets);
  const services = new ConnectionServices({
    root: input.root,
    plugin,
    config: input.config,
    context,
    logger,
  });
  const fail = (error: unknown, what: string): ProvisioningError => {
    const failure = copyError(pluginFailure(error, plugin.id, what), { secrets, provider: plugin.id });
    // Not `err`: pino's serializer for that key would fold the cause chain into one string.
    logger.warn({ error: failure }, `connection failed to ${what}`);
    return failure;
  };

  let inner: ProviderDirectory;
  let capabilities: Capabilities;
  try {
    capabilities = capabilitiesOf(registration, input.config);
    inner = await buildDirectory(registration, services, input.config, context, logger);
  } catch (error) {
    throw fail(error, 'open the connection');
  }

  let closed = false;
  // Aborted by close(): operations in flight end `cancelled` and the provider's signals abort.
  const lifetime = new AbortController();
  const onOperation = input.onOperation;
  const directory: UserDirectory = isWrappedDirectory(inner)
    ? withLifetime(inner as UserDirectory, lifetime.signal)
    : wrapProviderDirectory(inner, {
        provider: plugin.id,
        capabilities,
        secrets,
        logger,
        lifetime: lifetime.signal,
        telemetry: sourceOf(input.telemetry),
        tenant: context.tenant,
        onOperation:
          onOperation === undefined
            ? undefined
            : (event) =>
                onOperation({ ...event, tenant: context.tenant, connectionId: context.connectionId }),
        onUserWrite: input.onUserWrite,
      });

  const connection: Connection = {
    context,
    directory,
    get<T>(token: symbol): T {
      if (closed) throw new UnavailableError('The connection is closed', { provider: plugin.id });
      try {
        return services.get<T>(token);
      } catch (error) {
        throw ProvisioningError.is(error)
          ? copyError(error, { secrets, provider: plugin.id })
          : fail(error, 'resolve a service');
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      lifetime.abort(new Error('The connection was closed'));
      input.onClose(connection);
      try {
        await inner.close?.call(inner);
      } catch (error) {
        throw fail(error, 'close the connection');
      } finally {
        await services.unload();
      }
    },
  };
  return connection;
}

/** The connection's capabilities; a refinement the declaration cannot take is the plugin's fault. */
function capabilitiesOf(registration: PluginRegistration, config: unknown): Capabilities {
  try {
    return registration.capabilitiesFor(config);
  } catch (error) {
    const why = ProvisioningError.is(error) ? error.message : 'refineCapabilities threw';
    const id = registration.plugin.id;
    throw new ProviderError(`The ${id} plugin's capabilities for this connection are inconsistent: ${why}`, {
      provider: registration.plugin.id,
      cause: error,
    });
  }
}

async function buildDirectory(
  registration: PluginRegistration,
  services: ConnectionServices,
  config: unknown,
  context: ConnectionContext,
  logger: Logger,
): Promise<ProviderDirectory> {
  const { plugin } = registration;
  let directory: ProviderDirectory;
  if (plugin.createDirectory === undefined) directory = await services.resolveDirectory();
  else {
    directory = await plugin.createDirectory({
      config,
      context,
      logger,
      provide: (token, instance) => services.provide(token, instance),
    });
    services.useDirectory(directory);
  }
  const missing = isWrappedDirectory(directory) ? [] : missingMethods(directory, registration.declaredVerbs);
  if (missing.length > 0) {
    const verbs = missing.join(', ');
    throw new ProviderError(
      `The ${plugin.id} plugin declares ${verbs} in capabilities.verbs, but its directory has no such method: implement ${missing.length === 1 ? 'it' : 'them'} or leave ${missing.length === 1 ? 'it' : 'them'} out`,
      { provider: plugin.id, details: { missing } },
    );
  }
  return directory;
}

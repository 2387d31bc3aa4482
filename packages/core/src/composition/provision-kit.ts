import type { Container } from 'inversify';
import type { OperationEvent } from '../middleware/operation-event.js';
import type { ConnectionContext, ProviderPlugin } from '../spi/provider-plugin.js';
import type { UserDirectory } from '../spi/user-directory.js';
import type { Telemetry, TelemetryOptions } from '../telemetry/telemetry.js';
import type { Logger } from './logger.js';

/** `OperationEvent` of a connection opened by a kit: says whose connection it was. */
export type ConnectionOperationEvent = OperationEvent & {
  readonly tenant: string;
  readonly connectionId: string;
};

export interface ProvisionKitOptions {
  /** The providers this host can connect to; ids must be unique. */
  readonly plugins: readonly ProviderPlugin[];
  /** Root logger; default `createLogger()` (stdout, level info). Connections log through children. */
  readonly logger?: Logger | undefined;
  /** Called after every operation of every connection. */
  readonly onOperation?: ((event: ConnectionOperationEvent) => void) | undefined;
  /**
   * Tracer and meter providers for every connection's spans and metrics (and their HTTP clients');
   * default: the global OpenTelemetry providers, a no-op until the host registers an SDK.
   */
  readonly telemetry?: TelemetryOptions | undefined;
}

export interface ConnectInput {
  /** A plugin id, e.g. `'lastpass'`. */
  readonly provider: string;
  /** The customer the connection acts for: 1-128 characters of `A-Z a-z 0-9 . _ : -`. */
  readonly tenant: string;
  /** Parsed with the plugin's `configSchema`. */
  readonly config: unknown;
}

/** One customer's connection to one provider: its own child container, config, logger and directory. */
export interface Connection {
  readonly context: ConnectionContext;
  /** The provider's directory behind core's middleware (see `wrapDirectory`). */
  readonly directory: UserDirectory;
  /** Resolves a token from this connection's container (the plugin's helpers, `ConnectionConfig`, ...). */
  get<T>(token: symbol): T;
  /**
   * Releases the connection: operations in flight end with `CancelledError` (reason
   * `connection_closed`) and send nothing more, then the provider is closed. Afterwards its directory
   * and `get` fail with `UnavailableError`.
   */
  close(): Promise<void>;
}

/** The host's entry point: a root container holding the plugins, from which connections are opened. */
export interface ProvisionKit {
  readonly container: Container;
  readonly plugins: readonly ProviderPlugin[];
  /** The kit's providers, and what the sync and webhook engines record (see `Telemetry`). */
  readonly telemetry: Telemetry;
  connect(input: ConnectInput): Promise<Connection>;
  /** Closes every open connection (cancelling their operations in flight); `connect` fails afterwards. */
  close(): Promise<void>;
}

/** Token of the kit itself in its root container. */
export const ProvisionKit = Symbol.for('@provisionkit/core/ProvisionKit');

/** Token of the kit's `readonly ProviderPlugin[]` in its root container. */
export const ProviderPlugins = Symbol.for('@provisionkit/core/ProviderPlugins');

import type { ContainerModule } from 'inversify';
import type { z } from 'zod';
import type { Logger } from '../composition/logger.js';
import type { CapabilityRefinement, ProviderCapabilities } from './provider-capabilities.js';
import type { ProviderDirectory } from './provider-directory.js';

/** Who a connection serves: bound in every connection container. */
export interface ConnectionContext {
  /** The customer this connection acts for. */
  readonly tenant: string;
  readonly provider: string;
  /** Unique per opened connection (`<provider>:<tenant>:<n>`). */
  readonly connectionId: string;
}
export const ConnectionContext = Symbol.for('@provisionkit/core/ConnectionContext');

/** The connection's validated config (the output of the plugin's `configSchema`). */
export const ConnectionConfig = Symbol.for('@provisionkit/core/ConnectionConfig');

/** What `createDirectory` receives for one connection. */
export interface ProviderConnection<Config = unknown> {
  /** The output of the plugin's `configSchema` (defaults applied). */
  readonly config: Config;
  readonly context: ConnectionContext;
  /** A child logger with `{ provider, tenant }` that scrubs this connection's secrets. */
  readonly logger: Logger;
  /**
   * Registers a per-connection instance under its token and returns it. `connection.get(token)`
   * returns it, and when the plugin also has a module, it replaces the module's own binding of the
   * token, so helpers resolved from the module share the directory's client and caches.
   */
  provide<T>(token: symbol, instance: T): T;
}

/**
 * What a provider package exports so hosts can plug it in. A connection's directory comes from
 * `createDirectory` (a plain function: the cheapest connection) or, for providers built on inversify,
 * from the `UserDirectory` binding of `createModule()`. In that module `ConnectionConfig`,
 * `ConnectionContext` and `Logger` are already bound. With both, `createDirectory` builds the
 * directory and the module serves `connection.get()`.
 */
export interface ProviderPlugin<S extends z.ZodType = z.ZodType> {
  /** Stable id, lower-case (`'lastpass'`). */
  readonly id: string;
  readonly displayName: string;
  /** Connection config schema; mark secret fields with `secret()`. */
  readonly configSchema: S;
  /** What the provider supports: declared once, here; checked when the plugin is registered. */
  readonly capabilities: ProviderCapabilities;
  /** Per-connection refinement of `capabilities` from the connection's config (never `verbs`). */
  refineCapabilities?(config: z.output<S>): CapabilityRefinement;
  createDirectory?(
    connection: ProviderConnection<z.output<S>>,
  ): ProviderDirectory | Promise<ProviderDirectory>;
  createModule?(): ContainerModule;
}

/** Identity helper that keeps the config schema's type for `connect()` and `createDirectory`. */
export function defineProviderPlugin<S extends z.ZodType>(plugin: ProviderPlugin<S>): ProviderPlugin<S> {
  return plugin;
}

import type { ContainerModule } from 'inversify';
import type { z } from 'zod';
import type { Capabilities } from './capabilities.js';

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

/**
 * What a provider package exports so hosts can plug it in. `createModule()` returns the bindings of
 * one connection: at least `UserDirectory`. Inside that module `ConnectionConfig`, `ConnectionContext`
 * and `Logger` (a child logger with `{ provider, tenant }`) are already bound.
 */
export interface ProviderPlugin<S extends z.ZodType = z.ZodType> {
  /** Stable id, lower-case (`'lastpass'`). */
  readonly id: string;
  readonly displayName: string;
  /** Connection config schema; mark secret fields with `secret()`. */
  readonly configSchema: S;
  readonly capabilities: Capabilities;
  createModule(): ContainerModule;
}

/** Identity helper that keeps the config schema's type for `connect()`. */
export function defineProviderPlugin<S extends z.ZodType>(plugin: ProviderPlugin<S>): ProviderPlugin<S> {
  return plugin;
}

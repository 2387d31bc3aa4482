import { Container, type ContainerModule } from 'inversify';
import { InvalidInputError } from '../errors/error-classes.js';
import type { ProviderDirectory } from '../spi/provider-directory.js';
import { ConnectionConfig, ConnectionContext, type ProviderPlugin } from '../spi/provider-plugin.js';
import { UserDirectory } from '../spi/user-directory.js';
import { Logger } from './logger.js';

/** What every connection binds before the plugin's own bindings. */
export interface ConnectionBasics {
  readonly root: Container;
  readonly plugin: ProviderPlugin;
  readonly config: unknown;
  readonly context: ConnectionContext;
  readonly logger: Logger;
}

/**
 * The services of one connection: core's own (config, context, logger, the raw directory), the
 * instances a `createDirectory` plugin provided, and the plugin's module. The inversify container
 * (about 13 KB and 0.1 ms each) is built only when it is needed: at open for a module-only plugin,
 * at the first `get()` of another token for a plugin that has both, never otherwise.
 */
export class ConnectionServices {
  readonly #basics: ConnectionBasics;
  readonly #provided = new Map<symbol, unknown>();
  #directory: ProviderDirectory | undefined;
  #container: Container | undefined;
  #module: ContainerModule | undefined;

  constructor(basics: ConnectionBasics) {
    this.#basics = basics;
  }

  /** For `ProviderConnection.provide`: later `get(token)` calls and the module share `instance`. */
  provide<T>(token: symbol, instance: T): T {
    this.#provided.set(token, instance);
    return instance;
  }

  /** The directory of a module-only plugin: the module's `UserDirectory` binding. */
  async resolveDirectory(): Promise<ProviderDirectory> {
    const container = await this.#containerFor(true);
    this.#directory = await container.getAsync<ProviderDirectory>(UserDirectory);
    return this.#directory;
  }

  /** Records the directory a `createDirectory` plugin built. */
  useDirectory(directory: ProviderDirectory): void {
    this.#directory = directory;
  }

  get<T>(token: symbol): T {
    const own = this.#own(token);
    if (own.found) return own.value as T;
    if (this.#container === undefined && this.#basics.plugin.createModule === undefined) throw unbound();
    const container = this.#container ?? this.#loadSync();
    if (!container.isBound(token)) throw unbound();
    return container.get<T>(token);
  }

  /** Unloads the module (its deactivation hooks run), when one was loaded. */
  async unload(): Promise<void> {
    if (this.#container !== undefined && this.#module !== undefined) {
      await this.#container.unloadAsync(this.#module);
    }
  }

  #own(token: symbol): { readonly found: boolean; readonly value?: unknown } {
    const basics = this.#basics;
    if (this.#provided.has(token)) return { found: true, value: this.#provided.get(token) };
    if (token === UserDirectory && this.#directory !== undefined)
      return { found: true, value: this.#directory };
    if (token === ConnectionConfig) return { found: true, value: basics.config };
    if (token === ConnectionContext) return { found: true, value: basics.context };
    if (token === Logger) return { found: true, value: basics.logger };
    return { found: false };
  }

  async #containerFor(load: boolean): Promise<Container> {
    const container = this.#bare();
    if (load) {
      this.#module = this.#basics.plugin.createModule!();
      await container.loadAsync(this.#module);
    }
    return container;
  }

  /** The container of a `createDirectory` plugin, built at the first `get()` that needs the module. */
  #loadSync(): Container {
    const container = this.#bare();
    this.#module = this.#basics.plugin.createModule!();
    container.load(this.#module);
    // The directory and the provided instances replace the module's own bindings of their tokens,
    // so what the module resolves shares the directory's client, limiter and caches.
    const shared: [symbol, unknown][] = [...this.#provided];
    if (this.#directory !== undefined) shared.push([UserDirectory, this.#directory]);
    for (const [token, instance] of shared) {
      if (container.isCurrentBound(token)) container.unbind(token);
      container.bind(token).toConstantValue(instance);
    }
    return container;
  }

  #bare(): Container {
    const { root, config, context, logger } = this.#basics;
    const container = new Container({ parent: root });
    container.bind(ConnectionConfig).toConstantValue(config);
    container.bind(ConnectionContext).toConstantValue(context);
    container.bind(Logger).toConstantValue(logger);
    this.#container = container;
    return container;
  }
}

function unbound(): InvalidInputError {
  return new InvalidInputError('Nothing is bound to this token in the connection', [
    { path: 'token', message: 'is not bound' },
  ]);
}

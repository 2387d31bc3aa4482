import type { Capabilities } from '../spi/capabilities.js';
import type { ProviderPlugin } from '../spi/provider-plugin.js';
import { resolveCapabilities } from '../spi/resolve-capabilities.js';
import type { Verb } from '../spi/verbs.js';

/** Distinct refinements remembered per plugin; past it each connection resolves its own copy. */
const REFINEMENT_CACHE_SIZE = 64;

/** A plugin as a kit holds it: its capabilities resolved once, checked when it was registered. */
export interface PluginRegistration {
  readonly plugin: ProviderPlugin;
  /** The plugin's capabilities as hosts see them, before any connection refines them. */
  readonly capabilities: Capabilities;
  /** The verbs the plugin's directories must implement (the derived ones excluded). */
  readonly declaredVerbs: readonly Verb[];
  /**
   * The capabilities of one connection. Connections whose refinement is the same share one frozen
   * object, so 10,000 connections of a provider hold one copy, not 10,000.
   */
  capabilitiesFor(config: unknown): Capabilities;
}

/**
 * Checks a plugin's declaration for consistency (`InvalidInputError` naming
 * `<path>.capabilities.<field>`) and keeps the resolved capabilities.
 */
export function registerPlugin(plugin: ProviderPlugin, path: string): PluginRegistration {
  const provider = plugin.id;
  const capabilities = deepFreeze(
    resolveCapabilities(plugin.capabilities, { path: `${path}.capabilities`, provider }),
  );
  const refined = new Map<string, Capabilities>();
  return {
    plugin,
    capabilities,
    declaredVerbs: Object.freeze([...plugin.capabilities.verbs]),
    capabilitiesFor(config) {
      if (plugin.refineCapabilities === undefined) return capabilities;
      const refinement = plugin.refineCapabilities(config);
      const key = JSON.stringify(refinement) ?? '';
      const known = refined.get(key);
      if (known !== undefined) return known;
      const resolved = deepFreeze(
        resolveCapabilities(plugin.capabilities, { path: 'capabilities', provider, refinement }),
      );
      if (refined.size < REFINEMENT_CACHE_SIZE) refined.set(key, resolved);
      return resolved;
    },
  };
}

function deepFreeze(capabilities: Capabilities): Capabilities {
  for (const value of Object.values(capabilities)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(capabilities);
}

import { FIELD_SENSITIVITY } from '../model/sensitivity.js';

/** Pino redact paths need explicit wildcards per level; deeper objects are covered by `redact()`. */
const WILDCARD_DEPTH = 4;

function spellings(key: string): string[] {
  return [key, key.charAt(0).toUpperCase() + key.slice(1), key.toUpperCase()];
}

/**
 * Pino `redact.paths` censoring every secret field of the sensitivity table at depths 0-4. Pino
 * matches keys case-sensitively, so this is the backstop: the `logMethod` hook of `createLogger`
 * redacts case-insensitively at any depth first.
 */
export const SECRET_FIELD_PATHS: readonly string[] = Object.entries(FIELD_SENSITIVITY)
  .filter(([, sensitivity]) => sensitivity === 'secret')
  .flatMap(([key]) => spellings(key))
  .flatMap((key) => Array.from({ length: WILDCARD_DEPTH + 1 }, (_, depth) => '*.'.repeat(depth) + key));

import { z } from 'zod';

/** Registry of schemas whose values are secrets (API keys, hashes, passwords). */
export const secretRegistry = z.registry<{ readonly secret: true }>();

/**
 * Marks a config or input field as secret. Core never echoes a marked value: not in errors, not in
 * logs, not in events. `secret(z.string())` returns the same schema, registered.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  secretRegistry.add(schema, { secret: true });
  return schema;
}

export function isSecretSchema(schema: z.ZodType): boolean {
  return secretRegistry.has(schema);
}

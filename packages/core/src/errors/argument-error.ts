import { InvalidInputError } from './error-classes.js';

/** The error an exported helper throws for an argument of the wrong type, naming the argument. */
export function argumentError(fn: string, path: string, message: string): InvalidInputError {
  return new InvalidInputError(`Invalid ${fn} arguments: ${path} ${message}`, [{ path, message }]);
}

/** `value` if it is an array, else the `argumentError` for `path`. */
export function requireArray(fn: string, path: string, value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw argumentError(fn, path, 'must be an array');
}

export function requireString(fn: string, path: string, value: unknown): string {
  if (typeof value === 'string') return value;
  throw argumentError(fn, path, 'must be a string');
}

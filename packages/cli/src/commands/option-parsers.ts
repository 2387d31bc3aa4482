import { InvalidArgumentError } from 'commander';

/** Collects a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `key=value`, the value read as JSON when it parses (numbers, booleans, arrays), else as text. */
export function keyValue(value: string, previous: [string, unknown][] | undefined): [string, unknown][] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value');
  const key = value.slice(0, at);
  const raw = value.slice(at + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Plain text.
  }
  return [...(previous ?? []), [key, parsed]];
}

export function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive integer');
  return number;
}

export function nonNegativeInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new InvalidArgumentError('expected a non-negative integer');
  return number;
}

/** A user as the commands name it: a user name, or `id:<provider id>`. */
export function userRef(value: string): { id: string } | { userName: string } {
  return value.startsWith('id:') ? { id: value.slice(3) } : { userName: value };
}

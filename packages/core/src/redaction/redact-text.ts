import { requireArray, requireString } from '../errors/argument-error.js';
import { REDACTED } from '../model/sensitivity.js';
import { secretForms } from './secret-forms.js';

/**
 * Secrets shorter than this are not replaced: scrubbing `'abc'` out of every message would mangle
 * ordinary words while protecting nothing worth protecting.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * A fragment of a secret (or of one of its encoded forms) is replaced when it is at least this long
 * and at least a third of the form: half a 64-character hash cut off by a truncated excerpt is
 * caught, while 7 characters of an 80-character secret are not (they match ordinary text too often).
 */
export const MIN_FRAGMENT_LENGTH = 8;
const FRAGMENT_SHARE = 1 / 3;

// Arrays returned by `normalizeSecrets`: passed again, they are used as they are.
const normalizedLists = new WeakSet<readonly string[]>();
const matchers = new WeakMap<readonly string[], SecretMatcher>();

/** Usable secrets, longest first so a secret that contains another is replaced whole. */
export function normalizeSecrets(secrets: readonly unknown[]): string[] {
  if (normalizedLists.has(secrets as readonly string[])) return secrets as string[];
  const unique = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) unique.add(secret);
  }
  const normalized = Object.freeze([...unique].sort((a, b) => b.length - a.length)) as string[];
  normalizedLists.add(normalized);
  return normalized;
}

/**
 * Replaces each secret (ignoring empty or shorter than 4 characters) with `[REDACTED]`: whole,
 * URL-encoded, JSON-escaped or base64, and any fragment of at least `MIN_FRAGMENT_LENGTH`
 * characters and a third of its length.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  requireString('redactText', 'text', text);
  return replaceSecrets(text, normalizeSecrets(requireArray('redactText', 'secrets', secrets)));
}

/** `redactText` for secrets already passed through `normalizeSecrets` (hot path of `redact`). */
export function replaceSecrets(text: string, normalized: readonly string[]): string {
  if (normalized.length === 0 || text.length < MIN_SECRET_LENGTH) return text;
  let matcher = matchers.get(normalized);
  if (matcher === undefined) {
    matcher = new SecretMatcher(normalized);
    matchers.set(normalized, matcher);
  }
  return matcher.replace(text);
}

interface Fragments {
  readonly form: string;
  readonly length: number;
  readonly grams: ReadonlySet<string>;
}

/** Every form of every secret, and the fragments of each, computed once per list of secrets. */
class SecretMatcher {
  readonly #forms: readonly string[];
  readonly #fragments: readonly Fragments[];

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) for (const form of secretForms(secret)) forms.add(form);
    this.#forms = [...forms]
      .filter((form) => form.length >= MIN_SECRET_LENGTH)
      .sort((a, b) => b.length - a.length);
    this.#fragments = this.#forms
      .filter((form) => form.length >= MIN_FRAGMENT_LENGTH)
      .map((form) => {
        const length = Math.max(MIN_FRAGMENT_LENGTH, Math.ceil(form.length * FRAGMENT_SHARE));
        const grams = new Set<string>();
        for (let start = 0; start + length <= form.length; start += 1)
          grams.add(form.slice(start, start + length));
        return { form, length, grams };
      });
  }

  replace(text: string): string {
    let result = text;
    for (const form of this.#forms) {
      if (result.includes(form)) result = result.split(form).join(REDACTED);
    }
    for (const fragments of this.#fragments) result = replaceFragments(result, fragments);
    return result;
  }
}

/** Replaces each longest run of `text` that is a piece of the form and at least `length` long. */
function replaceFragments(text: string, { form, length, grams }: Fragments): string {
  if (text.length < length) return text;
  let output = '';
  let copiedUpTo = 0;
  let start = 0;
  while (start + length <= text.length) {
    if (!grams.has(text.slice(start, start + length))) {
      start += 1;
      continue;
    }
    let end = start + length;
    while (end < text.length && form.includes(text.slice(start, end + 1))) end += 1;
    output += `${text.slice(copiedUpTo, start)}${REDACTED}`;
    copiedUpTo = end;
    start = end;
  }
  return copiedUpTo === 0 ? text : output + text.slice(copiedUpTo);
}

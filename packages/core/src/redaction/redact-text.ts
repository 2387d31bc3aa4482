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

/** Where an 8-character piece of text occurs in the forms of the secrets. */
interface GramSite {
  readonly form: string;
  readonly offset: number;
  /** Shortest run of this form that is replaced. */
  readonly minimum: number;
}

/**
 * Forms whose shortest replaced run has the same length. A run at least `minimum` long covers
 * `minimum - 7` consecutive starts of 8-character pieces, so looking the text up every
 * `minimum - 7` characters is enough to meet each such run: a long secret costs few lookups.
 */
interface GramIndex {
  readonly stride: number;
  readonly sites: Map<string, GramSite[]>;
  /** Rolling hashes of the keys of `sites`: most positions are ruled out without making a string. */
  readonly hashes: Set<number>;
}

// A polynomial rolling hash over 8 UTF-16 code units, in 32-bit integer arithmetic.
const BASE = 0x01000193;
const BASE_POW_7 = Array.from({ length: MIN_FRAGMENT_LENGTH - 1 }).reduce<number>(
  (power) => Math.imul(power, BASE),
  1,
);

function hashAt(text: string, start: number): number {
  let hash = 0;
  for (let index = start; index < start + MIN_FRAGMENT_LENGTH; index += 1) {
    hash = (Math.imul(hash, BASE) + text.charCodeAt(index)) | 0;
  }
  return hash;
}

/** Every form of every secret, indexed by its 8-character pieces, computed once per list of secrets. */
class SecretMatcher {
  readonly #forms: readonly string[];
  readonly #indexes: readonly GramIndex[];

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) for (const form of secretForms(secret)) forms.add(form);
    this.#forms = [...forms]
      .filter((form) => form.length >= MIN_SECRET_LENGTH)
      .sort((a, b) => b.length - a.length);
    const byStride = new Map<number, Map<string, GramSite[]>>();
    for (const form of this.#forms) {
      if (form.length < MIN_FRAGMENT_LENGTH) continue;
      const minimum = Math.max(MIN_FRAGMENT_LENGTH, Math.ceil(form.length * FRAGMENT_SHARE));
      const stride = minimum - MIN_FRAGMENT_LENGTH + 1;
      let sites = byStride.get(stride);
      if (sites === undefined) {
        sites = new Map();
        byStride.set(stride, sites);
      }
      for (let offset = 0; offset + MIN_FRAGMENT_LENGTH <= form.length; offset += 1) {
        const gram = form.slice(offset, offset + MIN_FRAGMENT_LENGTH);
        const site = { form, offset, minimum };
        const known = sites.get(gram);
        if (known === undefined) sites.set(gram, [site]);
        else known.push(site);
      }
    }
    this.#indexes = [...byStride].map(([stride, sites]) => ({
      stride,
      sites,
      hashes: new Set([...sites.keys()].map((gram) => hashAt(gram, 0))),
    }));
  }

  replace(text: string): string {
    let result = text;
    for (const form of this.#forms) {
      if (result.includes(form)) result = result.split(form).join(REDACTED);
    }
    if (result.length < MIN_FRAGMENT_LENGTH) return result;
    const runs = runsOf(result, this.#indexes);
    return runs.length === 0 ? result : cut(result, runs);
  }
}

type Run = readonly [start: number, end: number];

/** The replaceable runs of `text`, possibly overlapping. */
function runsOf(text: string, indexes: readonly GramIndex[]): Run[] {
  const runs: Run[] = [];
  for (const index of indexes) {
    if (index.stride < MIN_FRAGMENT_LENGTH) rollingPass(text, index, runs);
    else sampledPass(text, index, runs);
  }
  return runs;
}

/** Short forms (a lookup at nearly every position): a rolling hash, updated in a few operations. */
function rollingPass(text: string, index: GramIndex, runs: Run[]): void {
  let hash = hashAt(text, 0);
  for (let at = 0; ; at += 1) {
    if (at % index.stride === 0 && index.hashes.has(hash)) collectRuns(text, at, index, runs);
    if (at + MIN_FRAGMENT_LENGTH >= text.length) return;
    const leaving = Math.imul(text.charCodeAt(at), BASE_POW_7);
    hash = (Math.imul(hash - leaving, BASE) + text.charCodeAt(at + MIN_FRAGMENT_LENGTH)) | 0;
  }
}

/** Long forms (a lookup every `stride` positions, at least 8 apart): each hash computed afresh. */
function sampledPass(text: string, index: GramIndex, runs: Run[]): void {
  for (let at = 0; at + MIN_FRAGMENT_LENGTH <= text.length; at += index.stride) {
    if (index.hashes.has(hashAt(text, at))) collectRuns(text, at, index, runs);
  }
}

/** The runs through the 8 characters at `at`: each site extended both ways while it matches. */
function collectRuns(text: string, at: number, index: GramIndex, runs: Run[]): void {
  const found = index.sites.get(text.slice(at, at + MIN_FRAGMENT_LENGTH));
  for (const { form, offset, minimum } of found ?? []) {
    let before = 0;
    while (offset - before > 0 && at - before > 0 && text[at - before - 1] === form[offset - before - 1]) {
      before += 1;
    }
    let after = MIN_FRAGMENT_LENGTH;
    while (offset + after < form.length && text[at + after] === form[offset + after]) after += 1;
    if (before + after >= minimum) runs.push([at - before, at + after]);
  }
}

/** `text` with each run (merged where they overlap or touch) replaced by one `[REDACTED]`. */
function cut(text: string, runs: Run[]): string {
  runs.sort((a, b) => a[0] - b[0]);
  let output = '';
  let copiedUpTo = 0;
  let open: [number, number] | undefined;
  for (const [start, end] of runs) {
    if (open !== undefined && start <= open[1]) {
      open[1] = Math.max(open[1], end);
      continue;
    }
    if (open !== undefined) {
      output += `${text.slice(copiedUpTo, open[0])}${REDACTED}`;
      copiedUpTo = open[1];
    }
    open = [start, end];
  }
  if (open !== undefined) {
    output += `${text.slice(copiedUpTo, open[0])}${REDACTED}`;
    copiedUpTo = open[1];
  }
  return output + text.slice(copiedUpTo);
}

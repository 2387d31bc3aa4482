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
 * and either a third of the form or a quarter of the secret (a quarter is never asked to exceed 16
 * characters, the quarter of a 64-character hash): a quarter of a provisioning hash echoed by a
 * server is caught, while 7 characters of a secret never are (they match ordinary text too often).
 */
export const MIN_FRAGMENT_LENGTH = 8;
const FRAGMENT_SHARE = 1 / 3;
const SECRET_SHARE = 1 / 4;
const MAX_QUARTER = 16;

/** The shortest replaced run of `form`, one of the spellings of `secret`. */
function minimumRun(form: string, secret: string): number {
  const quarter = Math.min(MAX_QUARTER, Math.ceil(secret.length * SECRET_SHARE));
  return Math.max(MIN_FRAGMENT_LENGTH, Math.min(Math.ceil(form.length * FRAGMENT_SHARE), quarter));
}

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
 * URL-encoded, JSON-, HTML- or base64-encoded, with its whitespace folded, and any fragment of at
 * least `MIN_FRAGMENT_LENGTH` characters and a third of that spelling or a quarter of the secret.
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

/**
 * The 8-character pieces of the forms whose shortest replaced run has the same length, as parallel
 * sorted arrays: about 12 bytes a piece, so a 64-character secret's matcher (its ten forms, some 500
 * pieces) takes a few KB rather than the 70 KB a map of strings and site objects did, and every
 * connection that scrubs something keeps one. A run at least `minimum` long covers `minimum - 7`
 * consecutive starts of pieces, so looking the text up every `minimum - 7` characters is enough.
 */
interface GramIndex {
  readonly stride: number;
  /** Rolling hashes of the pieces, sorted; `forms[i]` and `offsets[i]` say where piece `i` is. */
  readonly hashes: Int32Array;
  readonly forms: Int32Array;
  readonly offsets: Int32Array;
  /** One bit per hash value modulo `FILTER_BITS`: most positions are ruled out by one read. */
  readonly filter: Uint32Array;
}

const FILTER_BITS = 4096;

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
  /** Shortest replaced run of each form, by form index. */
  readonly #minimums: Int32Array;
  readonly #indexes: readonly GramIndex[];
  /** The shortest run any form replaces: a text shorter than this holds no fragment to cut. */
  readonly #shortestRun: number;

  constructor(secrets: readonly string[]) {
    // A spelling shared by two secrets keeps the shorter of their minimum runs.
    const minimums = new Map<string, number>();
    for (const secret of secrets) {
      for (const form of secretForms(secret)) {
        if (form.length < MIN_SECRET_LENGTH) continue;
        const run = minimumRun(form, secret);
        minimums.set(form, Math.min(run, minimums.get(form) ?? run));
      }
    }
    this.#forms = [...minimums.keys()].sort((a, b) => b.length - a.length);
    this.#minimums = Int32Array.from(this.#forms, (form) => minimums.get(form)!);
    const byStride = new Map<number, [hash: number, form: number, offset: number][]>();
    this.#forms.forEach((form, formIndex) => {
      if (form.length < MIN_FRAGMENT_LENGTH) return;
      const stride = this.#minimums[formIndex]! - MIN_FRAGMENT_LENGTH + 1;
      let pieces = byStride.get(stride);
      if (pieces === undefined) {
        pieces = [];
        byStride.set(stride, pieces);
      }
      for (let offset = 0; offset + MIN_FRAGMENT_LENGTH <= form.length; offset += 1) {
        pieces.push([hashAt(form, offset), formIndex, offset]);
      }
    });
    this.#indexes = [...byStride].map(([stride, pieces]) => indexOf(stride, pieces));
    this.#shortestRun = Math.max(MIN_FRAGMENT_LENGTH, Math.min(...this.#minimums));
  }

  replace(text: string): string {
    let result = text;
    // Most texts scrubbed are short fields (names, statuses, timestamps), shorter than most forms:
    // the length checks spare a search for each form and the fragment passes, which find nothing there.
    for (const form of this.#forms) {
      if (form.length <= result.length && result.includes(form)) result = result.split(form).join(REDACTED);
    }
    if (result.length < this.#shortestRun) return result;
    const runs = this.#runsOf(result);
    return runs === undefined ? result : cut(result, runs);
  }

  /**
   * The replaceable runs of `text`, possibly overlapping; `undefined` when there are none. Almost
   * every text scrubbed holds no secret (a sync scrubs every field of every user it lists), so that
   * case allocates nothing: no list, no callback.
   */
  #runsOf(text: string): Run[] | undefined {
    let runs: Run[] | undefined;
    for (const index of this.#indexes) {
      if (index.stride < MIN_FRAGMENT_LENGTH) runs = this.#rollingPass(text, index, runs);
      else runs = this.#sampledPass(text, index, runs);
    }
    return runs;
  }

  /** Short forms (a lookup at nearly every position): a rolling hash, updated in a few operations. */
  #rollingPass(text: string, index: GramIndex, found: Run[] | undefined): Run[] | undefined {
    let runs = found;
    let hash = hashAt(text, 0);
    for (let at = 0; ; at += 1) {
      if (at % index.stride === 0 && mayHold(index, hash))
        runs = this.#collectRuns(text, at, hash, index, runs);
      if (at + MIN_FRAGMENT_LENGTH >= text.length) return runs;
      const leaving = Math.imul(text.charCodeAt(at), BASE_POW_7);
      hash = (Math.imul(hash - leaving, BASE) + text.charCodeAt(at + MIN_FRAGMENT_LENGTH)) | 0;
    }
  }

  /** Long forms (a lookup every `stride` positions, at least 8 apart): each hash computed afresh. */
  #sampledPass(text: string, index: GramIndex, found: Run[] | undefined): Run[] | undefined {
    let runs = found;
    for (let at = 0; at + MIN_FRAGMENT_LENGTH <= text.length; at += index.stride) {
      const hash = hashAt(text, at);
      if (mayHold(index, hash)) runs = this.#collectRuns(text, at, hash, index, runs);
    }
    return runs;
  }

  /** The runs through the 8 characters at `at`: each piece extended both ways while it matches. */
  #collectRuns(
    text: string,
    at: number,
    hash: number,
    index: GramIndex,
    found: Run[] | undefined,
  ): Run[] | undefined {
    let runs = found;
    for (let entry = lowerBound(index.hashes, hash); index.hashes[entry] === hash; entry += 1) {
      const form = this.#forms[index.forms[entry]!]!;
      const offset = index.offsets[entry]!;
      let after = 0;
      while (after < MIN_FRAGMENT_LENGTH && text[at + after] === form[offset + after]) after += 1;
      if (after < MIN_FRAGMENT_LENGTH) continue; // a hash collision, not this piece
      let before = 0;
      while (offset - before > 0 && at - before > 0 && text[at - before - 1] === form[offset - before - 1]) {
        before += 1;
      }
      while (offset + after < form.length && text[at + after] === form[offset + after]) after += 1;
      if (before + after >= this.#minimums[index.forms[entry]!]!) {
        runs ??= [];
        runs.push([at - before, at + after]);
      }
    }
    return runs;
  }
}

function indexOf(stride: number, pieces: [hash: number, form: number, offset: number][]): GramIndex {
  pieces.sort((a, b) => a[0] - b[0]);
  const filter = new Uint32Array(FILTER_BITS / 32);
  for (const [hash] of pieces) filter[(hash >>> 5) & (FILTER_BITS / 32 - 1)]! |= 1 << (hash & 31);
  return {
    stride,
    hashes: Int32Array.from(pieces, (piece) => piece[0]),
    forms: Int32Array.from(pieces, (piece) => piece[1]),
    offsets: Int32Array.from(pieces, (piece) => piece[2]),
    filter,
  };
}

function mayHold(index: GramIndex, hash: number): boolean {
  return ((index.filter[(hash >>> 5) & (FILTER_BITS / 32 - 1)]! >>> (hash & 31)) & 1) === 1;
}

/** First position of `sorted` whose value is not below `value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

type Run = readonly [start: number, end: number];
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

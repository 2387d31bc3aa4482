import type { ProviderDirectory } from '../spi/provider-directory.js';
import { Verb } from '../spi/verbs.js';
import type { QuarantineGate } from './quarantine-gate.js';

const LISTINGS: ReadonlySet<string> = new Set(['listUsers', 'listUsersChangedSince']);
const VERB_NAMES: ReadonlySet<string> = new Set(Verb.options);

/**
 * The provider's directory with each verb waiting at the gate first (see `QuarantineGate`). The
 * wait happens inside core's operation, so it is part of its duration and span, and the caller's
 * signal (or the connection's close) ends it with `cancelled`. Anything that is not a verb passes
 * through unchanged.
 */
export function gatedDirectory(inner: ProviderDirectory, gate: QuarantineGate): ProviderDirectory {
  return new Proxy(inner, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !VERB_NAMES.has(property)) return value.bind(target);
      const verb = property as Verb;
      const method = value as (...args: unknown[]) => unknown;
      if (LISTINGS.has(verb))
        return (...args: unknown[]) => gatedListing(gate, verb, () => method.apply(target, args), args);
      return (...args: unknown[]) => {
        const waiting = gate.admit(verb, signalOf(args));
        return waiting === undefined
          ? method.apply(target, args)
          : waiting.then(() => method.apply(target, args));
      };
    },
  });
}

/** A listing returns its iterable at once: its first page waits for the turn instead. */
function gatedListing(gate: QuarantineGate, verb: Verb, open: () => unknown, args: unknown[]): unknown {
  const waiting = gate.admit(verb, signalOf(args));
  if (waiting === undefined) return open();
  // Refused or cancelled before the caller's first `next()`: the failure waits for that call.
  waiting.catch(() => undefined);
  return {
    async *[Symbol.asyncIterator]() {
      await waiting;
      yield* open() as AsyncIterable<unknown>;
    },
  };
}

/** Every provider verb takes its options, with the signal, last. */
function signalOf(args: readonly unknown[]): AbortSignal | undefined {
  const options = args.at(-1) as { signal?: unknown } | undefined;
  return options?.signal instanceof AbortSignal ? options.signal : undefined;
}

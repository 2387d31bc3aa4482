import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A forced full GC, for heap baselines and for starting each timed run on a clean heap. Uses the
 * global `gc` when Node runs with `--expose-gc`; otherwise turns the flag on at run time (V8 then
 * exposes `gc` in new contexts). Returns undefined when neither works: callers still run, with a
 * noisier baseline.
 */
export function findGc(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const late = runInNewContext('gc') as unknown;
    return typeof late === 'function' ? (late as () => void) : undefined;
  } catch {
    return undefined;
  }
}

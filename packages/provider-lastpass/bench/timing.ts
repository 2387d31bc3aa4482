export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Variant {
  readonly name: string;
  /** One complete run on fresh state; returns its wall time in ms (setup excluded). */
  readonly run: () => Promise<number>;
  /** The warm-up run, when it should do more than `run` (e.g. record what it sends). */
  readonly warmUp?: () => Promise<unknown>;
}

/**
 * Runs each variant `runs` times after `warmUps` warm-ups each, interleaved and with the order
 * flipped every round so drift (CPU frequency, JIT, GC pressure) hits all variants alike. Returns
 * the median and every sample per variant. Warm-ups let the JIT settle: a provisioning service runs
 * warm, and the first runs of the larger code path otherwise measure compilation.
 */
export async function compareMedians(
  variants: readonly Variant[],
  runs: number,
  beforeEach: () => void,
  warmUps = 1,
): Promise<Map<string, { median: number; samples: number[] }>> {
  for (let round = 0; round < warmUps; round++) {
    for (const variant of variants) {
      beforeEach();
      await (round === 0 ? (variant.warmUp ?? variant.run) : variant.run)();
    }
  }
  const samples = new Map(variants.map((variant) => [variant.name, [] as number[]]));
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      beforeEach();
      samples.get(variant.name)!.push(await variant.run());
    }
  }
  return new Map([...samples].map(([name, values]) => [name, { median: median(values), samples: values }]));
}

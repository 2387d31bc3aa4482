/** Sizes, repetitions and targets of the sync benchmark. */
export const USERS = 100_000;
export const PAGE_SIZE = 1000;
/** Measured runs per variant (median reported), after one warm-up round of each. */
export const RUNS = 5;
export const WARM_UPS = 1;
/** Heap samples are taken on a timer this often while a variant runs. */
export const HEAP_SAMPLE_MS = 25;
export const TARGETS = { syncVsEnumeration: 1.5 } as const;

export const BENCH_CREDENTIALS = {
  cid: 4_821_337,
  provhash: '0b7c1e5a9d3f4e6a8c2b1d0f9e8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a',
} as const;

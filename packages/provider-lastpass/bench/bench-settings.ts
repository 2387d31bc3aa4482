/** Sizes, repetitions and targets of the benchmark (targets come from the performance issue). */
export const CREATE_USERS = 10_000;
/** One-user-per-call creation is measured on this many users and extrapolated per user. */
export const ONE_PER_CALL_SAMPLE = 500;
export const LIST_USERS = 100_000;
/**
 * Measured runs per variant; the median is reported. Creation runs are short (well under a
 * second), so they get more runs and warm-ups: their JIT and GC noise is larger.
 */
export const CREATE_RUNS = 7;
export const LIST_RUNS = 3;
/** Warm-up rounds before the measured ones (every variant runs in each). */
export const CREATE_WARM_UPS = 3;
export const LIST_WARM_UPS = 1;
/** The provider's defaults, stated here so the raw loops use the same numbers. */
export const BATCH_SIZE = 500;
export const PAGE_SIZE = 1000;

/** Connections held open at once, per provider (one per customer), and measured rounds. */
export const CONNECTIONS = 10_000;
export const CONNECTION_ROUNDS = 5;

export const TARGETS = {
  /** Heap of `CONNECTIONS` open connections, in MB. */
  connectionsHeapMb: 100,
  /** Time to open one connection, in ms. */
  openMs: 0.2,
  createVsRaw: 1.25,
  createVsOnePerCall: 20,
  /** Listing 100,000 users, each client in a fresh process, against a raw `node:http` loop. */
  listVsRaw: 1.1,
  listRssVsRaw: 1.1,
  listHeapVsRaw: 1.25,
  /** Loose: the SDK's own work per span on a shared machine; the core telemetry bench is the precise one. */
  listWithSdkVsWithout: 1.5,
} as const;

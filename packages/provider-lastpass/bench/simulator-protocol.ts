/**
 * Messages between the benchmark and the process that hosts its simulators. The simulator runs in
 * its own process so its CPU time is not charged to the client being measured (a real LastPass is
 * another machine), and so the heap measured is the client's alone.
 */
export type SimulatorRequest =
  | {
      readonly id: number;
      readonly op: 'start';
      readonly seedUsers: number;
      /** An account rate limit: N requests accepted a second, 429 beyond. */
      readonly throttle?: { readonly requestsPerSecond: number; readonly retryAfterSeconds?: number };
    }
  | { readonly id: number; readonly op: 'log'; readonly url: string }
  | { readonly id: number; readonly op: 'close'; readonly url: string };

export interface LoggedRequest {
  readonly cmd: string | null;
  readonly status: number;
  /** Epoch ms when the request arrived. */
  readonly at: number;
}

export type SimulatorReply =
  | { readonly id: number; readonly ok: true; readonly url?: string; readonly log?: readonly LoggedRequest[] }
  | { readonly id: number; readonly ok: false; readonly message: string };

/**
 * Fixed demo credentials for every benchmark simulator, so the provider and the raw loop send
 * byte-identical bodies to different (fresh) simulators and the bodies can be compared.
 */
export const BENCH_CREDENTIALS = {
  cid: 4_821_337,
  provhash: '0b7c1e5a9d3f4e6a8c2b1d0f9e8a7c6b5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a',
} as const;

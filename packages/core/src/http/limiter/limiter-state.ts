/** A snapshot of a connection's limiter, for logs and metrics. */
export interface LimiterState {
  /** Requests per second the limiter currently allows; `null` while it is not pacing at all. */
  readonly rate: number | null;
  /** The host's cap, if any. */
  readonly ceiling: number | null;
  readonly inFlight: number;
  /** Requests waiting for a slot or for their turn. */
  readonly queued: number;
  /** Requests started since the limiter was made. */
  readonly started: number;
  /** Answers that signalled throttling (429, 503, `Retry-After`). */
  readonly throttled: number;
  /** How often the rate was lowered. */
  readonly decreases: number;
  /** Milliseconds left of a pause a `Retry-After` imposed; 0 when not paused. */
  readonly pausedForMs: number;
}

/** What an exchange tells the limiter when it ends. */
export interface LimiterFeedback {
  /** The answer asked us to slow down (429, 503, or any `Retry-After`). */
  readonly throttled: boolean;
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs?: number | undefined;
}

/** A started request's slot: release it exactly once, with what the answer said. */
export interface LimiterPermit {
  release(feedback: LimiterFeedback): void;
}

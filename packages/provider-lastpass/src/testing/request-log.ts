import type { SimulatorFaultKind } from './faults.js';

/** One answered (or dropped) request. Holds no credential and no body. */
export interface SimulatorRequestRecord {
  /** The `cmd` sent, or null when the body named none (or the path/method was wrong). */
  readonly cmd: string | null;
  /** HTTP status sent; 0 when the connection was dropped without an answer. */
  readonly status: number;
  /** Epoch ms when the request arrived. */
  readonly at: number;
  readonly durationMs: number;
  /** How the request was answered beyond the HTTP status. */
  readonly outcome: 'ok' | 'auth-error' | 'unknown-command' | 'rejected' | 'fault';
  /** The injected fault, when one fired. */
  readonly fault?: SimulatorFaultKind;
  /** Body bytes written by a streaming fault (`huge`, `endless`) before it ended or the client left. */
  readonly bytes?: number;
}

import { afterEach } from 'vitest';
import type { LastPassSimulatorOptions } from './simulator-options.js';
import { type LastPassSimulator, startLastPassSimulator } from './simulator-server.js';

/** What a test sees of one exchange. `json` is undefined when the body is not JSON. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests index freely into wire JSON
  readonly json: any;
}

export async function postRaw(
  simulator: Pick<LastPassSimulator, 'url'>,
  body: string,
  init: { contentType?: string; signal?: AbortSignal } = {},
): Promise<WireResponse> {
  const response = await fetch(simulator.url, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'application/json' },
    body,
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Sends one command with the simulator's current credentials. */
export function callCommand(
  simulator: Pick<LastPassSimulator, 'url' | 'credentials'>,
  cmd: string,
  data?: unknown,
  extra: Record<string, unknown> & { signal?: AbortSignal } = {},
): Promise<WireResponse> {
  const { signal, ...fields } = extra;
  const body = JSON.stringify({
    ...simulator.credentials,
    cmd,
    ...(data === undefined ? {} : { data }),
    ...fields,
  });
  return postRaw(simulator, body, signal === undefined ? {} : { signal });
}

/** A start function whose simulators are closed after each test of the calling suite. */
export function useSimulator(): (options?: LastPassSimulatorOptions) => Promise<LastPassSimulator> {
  const open: LastPassSimulator[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((simulator) => simulator.close()));
  });
  return async (options) => {
    const simulator = await startLastPassSimulator(options);
    open.push(simulator);
    return simulator;
  };
}

/** 2024-07-01 12:00:00 UTC = 08:00:00 in New York (EDT). */
export const FIXED_NOW = Date.UTC(2024, 6, 1, 12, 0, 0);

/** Usernames of a `getuserdata` answer, in wire order. */
export function usernamesOf(json: { Users: Record<string, { username: string }> | [] }): string[] {
  return Object.values(json.Users).map((user) => user.username);
}

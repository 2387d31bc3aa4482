import http from 'node:http';

/**
 * Runs `work` with the global `fetch` and `http.request` wrapped to record every request body. The
 * provider's default sender (core's `nodeHttpSender`, which calls `http.request` per request) and
 * the raw `fetch` loop both go through them, so their requests can be compared byte for byte.
 */
export async function recordBodies(work: () => Promise<unknown>): Promise<string[]> {
  const originalFetch = globalThis.fetch;
  const originalRequest = http.request;
  const bodies: string[] = [];
  globalThis.fetch = (input, init) => {
    bodies.push(bodyText(init?.body));
    return originalFetch(input, init);
  };
  http.request = ((...args: Parameters<typeof http.request>) => {
    const outgoing = originalRequest(...args);
    const end = outgoing.end.bind(outgoing) as (...rest: unknown[]) => http.ClientRequest;
    outgoing.end = ((chunk?: unknown, ...rest: unknown[]) => {
      bodies.push(bodyText(chunk));
      return end(chunk, ...rest);
    }) as typeof outgoing.end;
    return outgoing;
  }) as typeof http.request;
  try {
    await work();
  } finally {
    globalThis.fetch = originalFetch;
    http.request = originalRequest;
  }
  return bodies;
}

/** A body as text: the provider's sender writes its text bodies as bytes (encoded once). */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  return body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : '<unreadable body>';
}

/** Throws when the two sides did not send the same requests: the comparison would be unfair. */
export function assertSameBodies(what: string, provider: readonly string[], raw: readonly string[]): void {
  if (provider.length !== raw.length) {
    throw new Error(`${what}: provider sent ${provider.length} requests, raw loop ${raw.length}`);
  }
  const index = provider.findIndex((body, position) => body !== raw[position]);
  if (index >= 0) {
    const cmd = (body: string | undefined) =>
      body === undefined ? '?' : (JSON.parse(body) as { cmd?: string }).cmd;
    throw new Error(
      `${what}: request ${index} differs (provider ${cmd(provider[index])}, raw ${cmd(raw[index])})`,
    );
  }
}

/**
 * Runs `work` with the global `fetch` wrapped to record every request body. Both the provider's
 * transport (which looks `fetch` up per call) and the raw loop go through it, so their requests can
 * be compared byte for byte.
 */
export async function recordBodies(work: () => Promise<unknown>): Promise<string[]> {
  const original = globalThis.fetch;
  const bodies: string[] = [];
  globalThis.fetch = (input, init) => {
    bodies.push(typeof init?.body === 'string' ? init.body : '<non-string body>');
    return original(input, init);
  };
  try {
    await work();
  } finally {
    globalThis.fetch = original;
  }
  return bodies;
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

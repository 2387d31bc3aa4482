import { type Clock, type HttpSender, systemClock } from '@provisionkit/core/http';

/**
 * A real clock that does not wait out back-off, `Retry-After` or pacing: it records each wait,
 * moves its own time forward by it and resolves at once. The per-attempt timeout (`timeoutMs`,
 * which must differ from every wait the test expects) still runs on real time, so answers from a
 * real socket (nock, a local server) are awaited.
 */
export function recordingClock(timeoutMs: number): { clock: Clock; waits: number[] } {
  const waits: number[] = [];
  let skipped = 0;
  const clock: Clock = {
    now: () => systemClock.now() + skipped,
    date: () => systemClock.date() + skipped,
    async sleep(ms, signal) {
      if (ms === timeoutMs) return systemClock.sleep(ms, signal);
      if (signal?.aborted === true) throw signal.reason;
      waits.push(ms);
      skipped += Math.max(0, ms);
    },
  };
  return { clock, waits };
}

/** What a scripted LastPass answers to one request: a response, a network error, or no answer. */
export type WireScript =
  | { readonly status: number; readonly body: string; readonly headers?: Record<string, string> }
  | { readonly networkError: string; readonly message?: string }
  | 'hang';

/**
 * An in-process LastPass: each command's answers play in order (the last repeats). `hang` never
 * answers (until the attempt is aborted), for timeouts on a `VirtualClock`. Records the commands.
 */
export function scriptedLastPass(script: Readonly<Record<string, readonly WireScript[]>>): {
  sender: HttpSender;
  commands: string[];
  bodies: Array<Record<string, unknown>>;
} {
  const commands: string[] = [];
  const bodies: Array<Record<string, unknown>> = [];
  const played = new Map<string, number>();
  const sender: HttpSender = async (request) => {
    request.signal.throwIfAborted();
    const body = JSON.parse(String(request.body)) as Record<string, unknown>;
    const cmd = String(body.cmd);
    commands.push(cmd);
    bodies.push(body);
    const answers = script[cmd] ?? script['*'] ?? [];
    const index = played.get(cmd) ?? 0;
    played.set(cmd, index + 1);
    const answer = answers[Math.min(index, answers.length - 1)];
    if (answer === undefined) throw new Error(`no scripted answer for ${cmd}`);
    if (answer === 'hang') {
      return new Promise((_resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    }
    if ('networkError' in answer) {
      const message = answer.message ?? 'fetch failed';
      throw Object.assign(new TypeError(message), { cause: { code: answer.networkError, message } });
    }
    return {
      status: answer.status,
      headers: new Headers(answer.headers ?? { 'content-type': 'text/xml;charset=UTF-8' }),
      body: (async function* () {
        if (answer.body !== '') yield new TextEncoder().encode(answer.body);
      })(),
    };
  };
  return { sender, commands, bodies };
}

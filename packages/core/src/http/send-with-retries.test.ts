import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpClient } from './http-client.js';
import type { Settlement } from './http-request.js';
import { type ScriptedAnswer, scriptedSender } from './scripted-sender-test-helpers.js';
import { VirtualClock } from './virtual-clock-test-helpers.js';

const answers = fc.constantFrom<ScriptedAnswer>(
  { status: 200, body: '{"ok":true}' },
  { status: 429 },
  { status: 429, headers: { 'retry-after': '2' } },
  { status: 500 },
  { status: 503 },
  { status: 409 },
  { status: 404 },
  { networkError: 'ECONNRESET' },
  { networkError: 'ECONNREFUSED' },
);
const AMBIGUOUS = (answer: ScriptedAnswer) =>
  'networkError' in answer ? answer.networkError !== 'ECONNREFUSED' : answer.status >= 500;

async function play(
  script: ScriptedAnswer[],
  settlements: Array<Settlement<unknown>['status']>,
  withSettle: boolean,
) {
  const { sender, sent } = scriptedSender(script);
  const clock = new VirtualClock();
  const client = new HttpClient({
    provider: 'p',
    baseUrl: 'https://p.test',
    sender,
    clock,
    random: () => 0.3,
  });
  let settles = 0;
  const settle = async (): Promise<Settlement<unknown>> => {
    const status = settlements[settles++ % settlements.length]!;
    return status === 'applied' ? { status, value: { settled: true } } : { status };
  };
  const request = clock.finish(
    client.request({ method: 'POST', path: '/x', json: {}, ...(withSettle ? { settle } : {}) }),
    10_000_000,
  );
  const outcome = await request.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  return { sent: sent.length, settles, outcome };
}

describe('sendWithRetries', () => {
  it('never resends a non-idempotent write after an ambiguous failure unless settle found it not applied', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answers, { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom('applied', 'not_applied', 'unknown'), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (script, settlements, withSettle) => {
          const result = await play(script, settlements as Array<Settlement<unknown>['status']>, withSettle);
          // Replay the script against the rules to find the sends the client was allowed to make.
          let allowed = 0;
          let settleIndex = 0;
          for (let attempt = 0; attempt < 4; attempt++) {
            allowed++;
            const answer = script[Math.min(attempt, script.length - 1)]!;
            if (!AMBIGUOUS(answer)) {
              const retryable = 'networkError' in answer || answer.status === 429 || answer.status >= 500;
              if (!retryable || ('status' in answer && answer.status === 200)) break;
              continue;
            }
            if (!withSettle) break;
            const status = settlements[settleIndex++ % settlements.length];
            if (status !== 'not_applied') break;
          }
          expect(result.sent).toBe(allowed);
          if (!withSettle) expect(result.settles).toBe(0);
          if ('error' in result.outcome) expect(result.outcome.error).toHaveProperty('code');
        },
      ),
      { numRuns: 200 },
    );
  });
});

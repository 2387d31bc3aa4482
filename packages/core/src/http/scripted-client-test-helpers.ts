import { VirtualClock } from '../testing/virtual-clock.js';
import type { HttpClientOptionsInput } from './client-options.js';
import { HttpClient } from './http-client.js';
import type { HttpRequest } from './http-request.js';
import { type ScriptedAnswer, scriptedSender } from './scripted-sender-test-helpers.js';

/**
 * A client of provider `acme` over a scripted sender and a virtual clock, with jitter fixed. `run`
 * takes a request to its end on the virtual clock (back-off waits take no real time).
 */
export function scriptedClient(
  answers: readonly ScriptedAnswer[],
  options: Partial<HttpClientOptionsInput> = {},
) {
  const { sender, sent } = scriptedSender(answers);
  const clock = new VirtualClock();
  const client = new HttpClient({
    provider: 'acme',
    baseUrl: 'https://api.acme.test/v1',
    sender,
    clock,
    random: () => 0.5,
    ...options,
  });
  const run = <T>(request: HttpRequest<T>): Promise<T> => clock.finish(client.request(request));
  return { client, sent, clock, run };
}

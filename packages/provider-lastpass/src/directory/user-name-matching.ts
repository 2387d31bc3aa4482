import type { FoundUser } from './user-page.js';

/** How LastPass matches a `getuserdata` `username` filter: configured, or found out (`auto`). */
export type UserNameMatching = 'auto' | 'case-insensitive' | 'exact';

export interface MatchingProbeDeps {
  /** One `getuserdata username` request, taken as answered. */
  readonly lookupOnce: (userName: string, signal?: AbortSignal) => Promise<FoundUser | undefined>;
  /** Some user of the company as stored now (a page of one), or undefined when it has none. */
  readonly someUser: (signal?: AbortSignal) => Promise<FoundUser | undefined>;
}

/** Every letter in the other case: `Mary.Ann@Example.com` → `mARY.aNN@eXAMPLE.COM`. */
function otherCase(text: string): string {
  let out = '';
  for (const char of text) {
    const upper = char.toUpperCase();
    out += upper === char ? char.toLowerCase() : upper;
  }
  return out;
}

/**
 * [U] Whether a lookup that finds nobody means nobody has the name in any case. Clients assume
 * LastPass matches user names ignoring case; a server that matches them exactly would hide
 * `Mary.Ann@…` from a lookup of `mary.ann@…`. Found out once per connection, at the first miss
 * that matters: a page of one gives a stored name, and a lookup of that name in the other case
 * either finds the same user (case-insensitive) or not (exact). Two requests, once; a company with
 * no user leaves it unknown (nothing to hide either).
 */
export class UserNameMatchingProbe {
  readonly #deps: MatchingProbeDeps;
  #known: 'case-insensitive' | 'exact' | undefined;
  #running: { readonly done: Promise<void>; readonly signal: AbortSignal | undefined } | undefined;

  constructor(setting: UserNameMatching, deps: MatchingProbeDeps) {
    this.#deps = deps;
    this.#known = setting === 'auto' ? undefined : setting;
  }

  /** What is known so far (`undefined`: not yet found out). */
  get known(): 'case-insensitive' | 'exact' | undefined {
    return this.#known;
  }

  /** True when misses can be believed; probes first when that is not known yet. */
  async missesAreReliable(signal?: AbortSignal): Promise<boolean> {
    if (this.#known === undefined) {
      // Misses that come together share one probe.
      const running = this.#running ?? this.#start(signal);
      try {
        await running.done;
      } catch (error) {
        // Another caller's abort ended the shared probe: this caller, not aborted, probes itself.
        if (running.signal === signal || signal?.aborted || running.signal?.aborted !== true) throw error;
        await this.#probe(signal);
      }
    }
    return this.#known === 'case-insensitive';
  }

  #start(signal: AbortSignal | undefined) {
    const running = {
      signal,
      done: this.#probe(signal).finally(() => {
        if (this.#running === running) this.#running = undefined;
      }),
    };
    this.#running = running;
    return running;
  }

  async #probe(signal: AbortSignal | undefined): Promise<void> {
    const sample = await this.#deps.someUser(signal);
    if (sample === undefined) return;
    const { id, username } = sample.record;
    const other = otherCase(username);
    if (other === username) return;
    const found = await this.#deps.lookupOnce(other, signal);
    this.#known = found?.record.id === id ? 'case-insensitive' : 'exact';
  }
}

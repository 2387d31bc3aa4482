import { Verb } from '@provisionkit/core';

/** What a directory has been asked to do; lets tests check laziness and retry counts. */
export interface MockStats {
  /** Verb invocations, including those that failed (validation or injected faults). */
  readonly calls: Readonly<Record<Verb, number>>;
  /** `listUsers` pages fetched from the store (each page is one provider request). */
  readonly pagesServed: number;
}

export function emptyStats(): { calls: Record<Verb, number>; pagesServed: number } {
  return {
    calls: Object.fromEntries(Verb.options.map((verb) => [verb, 0])) as Record<Verb, number>,
    pagesServed: 0,
  };
}

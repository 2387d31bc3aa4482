import type { ReportingResponse } from '../client/index.js';
import { wallTimeToIso } from '../directory/wall-time.js';

/** One `reporting` event as sent, plus `at`: its ISO 8601 instant, when `Time` could be read. */
export type ReportingEvent = ReportingResponse['events'][number] & { readonly at?: string };

/** A page of the event report: events newest first, and the cursor for the next page (or null). */
export interface ReportingPage {
  readonly next: ReportingResponse['next'];
  readonly events: ReportingEvent[];
}

/**
 * LastPass sends event times as zone-less wall times in the account's reporting zone; `at` makes
 * them comparable with the rest of the model's ISO instants. `Time` itself is kept as sent.
 */
export function toReportingPage(response: ReportingResponse, timeZone: string): ReportingPage {
  return {
    next: response.next,
    events: response.events.map((event) => {
      const at = wallTimeToIso(event.Time, timeZone);
      return at === undefined ? event : { ...event, at };
    }),
  };
}

export {
  DEFAULT_MAX_RESPONSE_BYTES,
  HttpClientOptions,
  type HttpClientOptionsInput,
} from './client-options.js';
export { type Clock, systemClock } from './clock.js';
export { type ErrorBody, type ErrorBodyParser, parseJsonErrorBody } from './error-body.js';
export type { ExchangeOutcome, ExchangeRecord } from './exchange-log.js';
export { createHttpClient, HttpClient } from './http-client.js';
export type { ErrorMapper, HttpFailure } from './http-failure.js';
export type {
  HttpMethod,
  HttpRequest,
  QueryValue,
  RequestBody,
  SettleContext,
  SettleHook,
  Settlement,
} from './http-request.js';
export type { HttpResponse } from './http-response.js';
export { LimiterSettings, type LimiterSettingsInput } from './limiter/limiter-settings.js';
export type { LimiterState } from './limiter/limiter-state.js';
export { findLink, type LinkValue, parseLinkHeader } from './paging/link-header.js';
export { type CursorPage, type PageByCursorOptions, pageByCursor } from './paging/page-by-cursor.js';
export { type PageByLinkOptions, pageByLink } from './paging/page-by-link.js';
export { type PageByNumberOptions, type PagePosition, pageByNumber } from './paging/page-by-number.js';
export { DEFAULT_MAX_PAGES, type Page, type PageGuardOptions } from './paging/page-guard.js';
export { jsonReader, noBodyReader, type ResponseReader, textReader } from './response-readers.js';
export { DEFAULT_RETRY_POLICY, RetryableCode, RetryPolicy, type RetryPolicyInput } from './retry-policy.js';
export { type FetchFunction, fetchSender } from './senders/fetch-sender.js';
export { type NodeHttpSenderOptions, nodeHttpSender } from './senders/node-http-sender.js';
export type { HttpSender, ResponseHeaders, SenderRequest, SenderResponse } from './senders/sender.js';

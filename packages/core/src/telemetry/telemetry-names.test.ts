import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
  METRIC_HTTP_CLIENT_REQUEST_DURATION,
} from '@opentelemetry/semantic-conventions';
import { ATTR_URL_TEMPLATE } from '@opentelemetry/semantic-conventions/incubating';
import { describe, expect, it } from 'vitest';
import { SEMCONV, TELEMETRY_ATTRIBUTES, TELEMETRY_METRICS } from './telemetry-names.js';

describe('SEMCONV', () => {
  it('spells the names as the semantic-conventions package does', () => {
    expect(SEMCONV).toEqual({
      httpRequestMethod: ATTR_HTTP_REQUEST_METHOD,
      httpRequestResendCount: ATTR_HTTP_REQUEST_RESEND_COUNT,
      httpResponseStatusCode: ATTR_HTTP_RESPONSE_STATUS_CODE,
      serverAddress: ATTR_SERVER_ADDRESS,
      serverPort: ATTR_SERVER_PORT,
      urlFull: ATTR_URL_FULL,
      urlTemplate: ATTR_URL_TEMPLATE,
      errorType: ATTR_ERROR_TYPE,
      httpClientRequestDuration: METRIC_HTTP_CLIENT_REQUEST_DURATION,
    });
  });
});

describe('TELEMETRY_ATTRIBUTES and TELEMETRY_METRICS', () => {
  it('are unique names in the provisionkit namespace (the HTTP duration excepted)', () => {
    const names = [...Object.values(TELEMETRY_ATTRIBUTES), ...Object.values(TELEMETRY_METRICS)];
    expect(new Set(names).size).toBe(names.length);
    const own = names.filter((name) => name !== METRIC_HTTP_CLIENT_REQUEST_DURATION);
    for (const name of own) expect(name).toMatch(/^provisionkit\.[a-z_.]+[a-z]$/);
  });
});

import type { LimiterSettingsInput } from '@provisionkit/core/http';
import type { LastPassLimits } from './client-config.js';

/** A connection's LastPass limits as the core limiter's settings. */
export function lastPassLimiterSettings(limits: LastPassLimits): LimiterSettingsInput {
  return {
    maxConcurrent: limits.maxConcurrent,
    maxRequestsPerSecond: limits.requestsPerSecond,
    adaptive: false,
  };
}

import type { LimiterSettingsInput } from '@provisionkit/core/http';
import type { LastPassLimits } from './client-config.js';

/** A connection's LastPass limits as the core limiter's settings (its AIMD defaults otherwise). */
export function lastPassLimiterSettings(limits: LastPassLimits): LimiterSettingsInput {
  return {
    maxConcurrent: limits.maxConcurrent,
    adaptive: limits.adaptive,
    ...(limits.requestsPerSecond === undefined ? {} : { maxRequestsPerSecond: limits.requestsPerSecond }),
  };
}

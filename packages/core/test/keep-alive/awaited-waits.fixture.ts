// Run in a child process by awaited-waits.test.ts: each case's only pending work is one wait.
// A wait whose timer does not hold the process open ends it with code 13 (an unsettled top-level
// await) before the wait's line is printed.
import { systemHealthClock } from '../../src/health/health-clock.js';
import { systemClock } from '../../src/http/clock.js';
import { AdaptiveLimiter } from '../../src/http/limiter/adaptive-limiter.js';
import { LimiterSettings } from '../../src/http/limiter/limiter-settings.js';

const which = process.argv[2];
if (which === 'http-sleep') {
  await systemClock.sleep(30, new AbortController().signal);
} else if (which === 'limiter-pace') {
  // A host ceiling of 20 a second: the second start waits about 50 ms for the limiter's wake-up.
  const limiter = new AdaptiveLimiter(
    LimiterSettings.parse({ maxRequestsPerSecond: 20 }),
    systemClock,
    'fixture',
  );
  (await limiter.acquire()).release({ throttled: false });
  (await limiter.acquire()).release({ throttled: false });
} else if (which === 'quarantine-pace') {
  await systemHealthClock.sleep(30, undefined, { keepAlive: true });
} else if (which === 'monitor-round') {
  // A background loop's wait must not hold a process open: this line is never printed.
  await systemHealthClock.sleep(60_000);
}
console.log(`${which} done`);

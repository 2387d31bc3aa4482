import type { Logger as PinoLogger } from 'pino';

/** Injection token of the pino logger; in a connection container it is a child with `{ provider, tenant }`. */
export const Logger = Symbol.for('@provisionkit/core/Logger');
export type Logger = PinoLogger;

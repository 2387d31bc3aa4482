import type { LastPassClient } from '../client/index.js';

/**
 * Token of the connection's `LastPassClient`: one per connection, with its own limiter and rate
 * budget. Hosts reach it with `connection.get<LastPassConnectionClient>(LastPassConnectionClient)`.
 */
export const LastPassConnectionClient = Symbol.for('@provisionkit/provider-lastpass/LastPassClient');
export type LastPassConnectionClient = LastPassClient;

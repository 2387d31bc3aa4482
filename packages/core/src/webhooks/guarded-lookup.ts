import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import type { AddressPolicy } from './address-policy.js';

/** `error.code` of a connection refused because of the address it resolved to. */
export const FORBIDDEN_ADDRESS = 'forbidden_address';

/** Resolves a name to every address, like `dns.lookup` with `all: true` (injectable for tests). */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const defaultResolve: ResolveAll = (hostname, options, callback) => dnsLookup(hostname, options, callback);

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `http.request` that resolves the name and refuses the connection when any address
 * it resolved to is one the policy forbids. The socket connects to an address this function
 * returned, so the address checked is the address used: a name re-pointed at a private address
 * between two deliveries (DNS rebinding) is refused at the next connection.
 */
export function guardedLookup(policy: AddressPolicy, resolve: ResolveAll = defaultResolve) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const all: LookupAllOptions = { ...options, all: true };
    resolve(hostname, all, (error, addresses) => {
      if (error !== null) {
        callback(error, '', 0);
        return;
      }
      if (addresses.length === 0 || addresses.some((entry) => !policy.permits(entry.address))) {
        const refused: NodeJS.ErrnoException = new Error('The webhook host resolves to a forbidden address');
        refused.code = FORBIDDEN_ADDRESS;
        callback(refused, '', 0);
        return;
      }
      if (options.all === true) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

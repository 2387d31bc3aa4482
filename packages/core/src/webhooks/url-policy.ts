import { isIP } from 'node:net';
import { z } from 'zod';
import { InvalidInputError } from '../errors/error-classes.js';
import { AddressPolicy, isAllowListEntry } from './address-policy.js';

/**
 * Where a host lets webhooks go. By default only `https` URLs, and only public addresses: the
 * address is checked again at delivery time, for the address actually connected to, so a name
 * that resolves to a private address (or is re-pointed there later) is refused too.
 */
export const WebhookUrlPolicy = z.strictObject({
  /** Also `http` URLs (tests, a local receiver). Default false. */
  allowHttp: z.boolean().default(false),
  /**
   * Private, loopback and link-local targets: `true` allows them all, a list allows only these
   * addresses and CIDR ranges (`['127.0.0.1', '10.1.0.0/16']`). Default false.
   */
  allowPrivateNetworks: z
    .union([
      z.boolean(),
      z.array(z.string().refine(isAllowListEntry, 'must be an IP address or a CIDR range')).max(100),
    ])
    .default(false),
});
export type WebhookUrlPolicy = z.input<typeof WebhookUrlPolicy>;
export type ParsedUrlPolicy = z.output<typeof WebhookUrlPolicy>;

const MAX_URL_LENGTH = 2048;

/** A subscriber URL the policy accepts, parsed; otherwise `invalid_input` on `path` with `details.reason`. */
export function checkSubscriberUrl(value: string, policy: ParsedUrlPolicy, path = 'url'): URL {
  let url: URL;
  try {
    if (value.length > MAX_URL_LENGTH) throw new RangeError('too long');
    url = new URL(value);
  } catch {
    throw refused(path, 'not_a_url', `must be an absolute URL of at most ${MAX_URL_LENGTH} characters`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw refused(path, 'scheme', 'must be an https URL');
  }
  if (url.protocol === 'http:' && !policy.allowHttp) {
    throw refused(path, 'insecure', 'must be https (this host does not allow http endpoints)');
  }
  // Credentials in a URL end up in logs and proxies; a receiver authenticates by the signature.
  if (url.username !== '' || url.password !== '') {
    throw refused(path, 'credentials', 'must not contain a user name or password');
  }
  const host = hostOf(url);
  if (isIP(host) !== 0 && !new AddressPolicy(policy.allowPrivateNetworks).permits(host)) {
    throw refused(path, 'forbidden_address', 'must not point at a private, loopback or link-local address');
  }
  if (policy.allowPrivateNetworks === false && isLocalName(host)) {
    throw refused(path, 'forbidden_address', 'must not point at this machine');
  }
  return url;
}

/** The host name or address of a URL, without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

function isLocalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function refused(path: string, reason: string, message: string): InvalidInputError {
  return new InvalidInputError(`Invalid ${path}: ${message}`, [{ path, message }], { details: { reason } });
}

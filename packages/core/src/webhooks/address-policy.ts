import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach by default: a tenant's endpoint must not aim deliveries at the
 * host's own network. Loopback, unspecified, private (RFC 1918, IPv6 unique-local), carrier-grade
 * NAT (also Alibaba's metadata service), link-local (also the 169.254.169.254 metadata service of
 * AWS, GCP and Azure), multicast and reserved ranges, and IPv6 forms that carry an IPv4 address.
 */
const FORBIDDEN_V4: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const FORBIDDEN_V6: readonly [string, number][] = [
  // Unspecified, loopback and the deprecated IPv4-compatible form (::a.b.c.d).
  ['::', 96],
  // Discard-only.
  ['100::', 64],
  // Teredo: the IPv4 server and client are hidden in the address.
  ['2001::', 32],
  // NAT64 for local use.
  ['64:ff9b:1::', 48],
  // Unique local (fc00::/7; AWS's metadata service is fd00:ec2::254), link-local, site-local.
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

function forbiddenList(): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of FORBIDDEN_V4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of FORBIDDEN_V6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

const FORBIDDEN = forbiddenList();

/** Which private targets a host allows: none, all, or these addresses and CIDR ranges. */
export type PrivateTargets = boolean | readonly string[];

/** Decides whether an address (as a socket would connect to it) may receive webhooks. */
export class AddressPolicy {
  readonly #allowAll: boolean;
  readonly #allowed: BlockList | undefined;

  constructor(allow: PrivateTargets) {
    this.#allowAll = allow === true;
    this.#allowed = Array.isArray(allow) ? allowList(allow) : undefined;
  }

  /** True when the address may be connected to. Anything that is not an IP address is refused. */
  permits(address: string): boolean {
    const family = isIP(address);
    if (family === 0) return false;
    if (this.#allowAll) return true;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.#allowed?.check(address, type) === true) return true;
    if (FORBIDDEN.check(address, type)) return false;
    // BlockList already maps ::ffff:a.b.c.d to its IPv4 address; NAT64 and 6to4 embed one too.
    const embedded = family === 6 ? embeddedIpv4(address) : undefined;
    return embedded === undefined || this.permits(embedded);
  }
}

/** Entries are an address (`10.0.0.5`, `::1`) or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
export function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new RangeError('not an address or CIDR range');
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** True when every entry is an address or a CIDR range `allowList` accepts. */
export function isAllowListEntry(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The IPv4 address inside a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIpv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (words === undefined) return undefined;
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((word) => word === 0);
  if (nat64) return dotted(words[6]!, words[7]!);
  if (words[0] === 0x2002) return dotted(words[1]!, words[2]!);
  return undefined;
}

function dotted(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit words of an IPv6 address (with `::` and a trailing dotted IPv4 expanded). */
function ipv6Words(address: string): number[] | undefined {
  let text = address.split('%')[0]!;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const octets = tail.split('.').map(Number);
    if (octets.length !== 4) return undefined;
    text = `${text.slice(0, lastColon + 1)}${((octets[0]! << 8) | octets[1]!).toString(16)}:${((octets[2]! << 8) | octets[3]!).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const front = head === '' ? [] : head.split(':');
  const back = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - front.length - back.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return undefined;
  return [...front, ...Array<string>(missing).fill('0'), ...back].map((word) => Number.parseInt(word, 16));
}

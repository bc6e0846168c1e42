// Decides whether the server may fetch a URL for a browser: the scheme, the credentials, the
// port, and every address a host name resolves to. Only globally routable unicast addresses
// pass, so a caller cannot make the server reach its own network (SSRF).
import { isIP } from 'node:net';

/** Why an address is refused, named for the log and the error message. */
export type AddressRange =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'benchmarking'
  | 'documentation'
  | 'unique-local'
  | 'ipv4-compatible'
  | 'ipv4-translated'
  | 'nat64-local'
  | 'teredo'
  | 'not-global-unicast'
  | 'not-an-address';

/** The verdict on one address: allowed, or refused with the range it falls in. */
export type AddressVerdict = { allowed: true } | { allowed: false; range: AddressRange };

/** What {@link classifyAddress} may let through beyond public addresses. */
export interface AddressPolicy {
  /** Let 127.0.0.0/8 and ::1 through. For tests against a local server only. */
  allowLoopback?: boolean;
}

type V4Rule = [base: number, prefix: number, range: AddressRange];

// The IANA special-purpose registry, reduced to what is not reachable on the public internet.
// 240.0.0.0/4 includes 255.255.255.255, named broadcast by the more specific rule before it.
const V4_RULES: V4Rule[] = [
  [v4('255.255.255.255'), 32, 'broadcast'],
  [v4('0.0.0.0'), 8, 'unspecified'],
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'carrier-grade-nat'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link-local'],
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'reserved'],
  [v4('192.0.2.0'), 24, 'documentation'],
  [v4('192.88.99.0'), 24, 'reserved'],
  [v4('192.168.0.0'), 16, 'private'],
  [v4('198.18.0.0'), 15, 'benchmarking'],
  [v4('198.51.100.0'), 24, 'documentation'],
  [v4('203.0.113.0'), 24, 'documentation'],
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('240.0.0.0'), 4, 'reserved'],
];

/** Dotted-quad IPv4 to its 32-bit value. Only called on what `isIP` accepted as version 4. */
function v4(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function classifyV4(value: number, policy: AddressPolicy): AddressVerdict {
  for (const [base, prefix, range] of V4_RULES) {
    const size = 2 ** (32 - prefix);
    if (value >= base && value < base + size) {
      if (range === 'loopback' && policy.allowLoopback) return { allowed: true };
      return { allowed: false, range };
    }
  }
  return { allowed: true };
}

/** An IPv6 address as eight 16-bit groups; `address` must be valid (checked by `isIP`). */
export function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes its two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const value = v4(tail[1] as string);
    text = `${text.slice(0, tail.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = rest === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) =>
    Number.parseInt(g, 16),
  );
}

/** The IPv4 address held in groups `hi` and `lo`, as a 32-bit value. */
const embedded = (groups: number[], hi: number) =>
  (groups[hi] as number) * 0x10000 + (groups[hi + 1] as number);

function classifyV6(groups: number[], policy: AddressPolicy): AddressVerdict {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0 && g6 === 0) {
    if (g7 === 0) return { allowed: false, range: 'unspecified' };
    if (g7 === 1) return policy.allowLoopback ? { allowed: true } : refuse('loopback');
  }
  // ::ffff:a.b.c.d reaches a.b.c.d: judge the IPv4 address it carries.
  if (firstFiveZero && g5 === 0xffff) return classifyV4(embedded(groups, 6), policy);
  // ::a.b.c.d (deprecated "IPv4-compatible") and ::ffff:0:a.b.c.d (SIIT): never in real DNS.
  if (firstFiveZero && g5 === 0) return refuse('ipv4-compatible');
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) {
    return refuse('ipv4-translated');
  }
  // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last 32 bits.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return classifyV4(embedded(groups, 6), policy);
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return refuse('nat64-local');
  if (g0 >= 0xfc00 && g0 <= 0xfdff) return refuse('unique-local');
  if (g0 >= 0xfe80 && g0 <= 0xfebf) return refuse('link-local');
  if (g0 >= 0xfec0 && g0 <= 0xfeff) return refuse('reserved');
  if (g0 >= 0xff00) return refuse('multicast');
  // Outside 2000::/3 nothing is assigned for global unicast (100::/64 discard, ...).
  if (g0 < 0x2000 || g0 > 0x3fff) return refuse('not-global-unicast');
  // 6to4 (2002::/16) tunnels to the IPv4 address in bits 16-47.
  if (g0 === 0x2002) return classifyV4(embedded(groups, 1), policy);
  if (g0 === 0x2001 && g1 === 0) return refuse('teredo');
  if (g0 === 0x2001 && g1 === 0x2 && g2 === 0) return refuse('benchmarking');
  if (g0 === 0x2001 && g1 === 0xdb8) return refuse('documentation');
  // The rest of 2001::/23 is IETF protocol space (ORCHID, AMT, ...), not hosts.
  if (g0 === 0x2001 && g1 < 0x200) return refuse('reserved');
  if (g0 === 0x3fff && g1 < 0x1000) return refuse('documentation');
  return { allowed: true };
}

const refuse = (range: AddressRange): AddressVerdict => ({ allowed: false, range });

/**
 * Whether the server may connect to `address` (an IP address as DNS or a URL gives it;
 * brackets around IPv6 are accepted). Refuses loopback, private, link-local (the cloud
 * metadata address 169.254.169.254 included), CGNAT, multicast, broadcast, unspecified,
 * reserved, benchmarking and documentation ranges, IPv6 unique-local, link-local and
 * multicast, and IPv6 forms that carry a refused IPv4 address (mapped, NAT64, 6to4) or
 * tunnel to one (IPv4-compatible, Teredo). Anything that is not a canonical IP address
 * (`0177.0.0.1`, `2130706433`) is refused too: URLs are canonicalised before they get here.
 *
 * @example
 * classifyAddress('::ffff:7f00:1'); // { allowed: false, range: 'loopback' }
 */
export function classifyAddress(address: string, policy: AddressPolicy = {}): AddressVerdict {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // A zone (fe80::1%eth0) names an interface of this machine: never a public address.
  if (bare.includes('%')) return refuse('not-an-address');
  const version = isIP(bare);
  if (version === 4) return classifyV4(v4(bare), policy);
  if (version === 6) return classifyV6(ipv6Groups(bare), policy);
  return refuse('not-an-address');
}

/** A URL the guard refused, with the reason in words for the caller. */
export class UrlRefusedError extends Error {
  /** The address range that was refused, when an address was the reason. */
  readonly range: AddressRange | undefined;
  constructor(message: string, range?: AddressRange) {
    super(message);
    this.name = 'UrlRefusedError';
    this.range = range;
  }
}

/** Ports the server fetches from when nothing else is configured. */
export const DEFAULT_ALLOWED_PORTS: readonly number[] = [80, 443, 8080, 8443];

/** What {@link checkUrl} enforces beyond the address. */
export interface UrlPolicy extends AddressPolicy {
  /** Ports that may be fetched, or `'any'`. Default {@link DEFAULT_ALLOWED_PORTS}. */
  allowedPorts?: readonly number[] | 'any';
}

/**
 * Parses `input` and checks what can be checked before DNS: http or https, no user name or
 * password, an allowed port, not a `localhost` name, and, when the host is an IP literal,
 * that address. Returns the parsed URL.
 *
 * @throws UrlRefusedError for anything the server will not fetch.
 */
export function checkUrl(input: string | URL, policy: UrlPolicy = {}): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UrlRefusedError('The address is not a valid URL; give a full http(s):// address.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlRefusedError(
      `Only http and https addresses can be fetched, not ${url.protocol.replace(/:$/, '')}.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new UrlRefusedError(
      'The address carries a user name or password; remove them (only public files can be fetched).',
    );
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const ports = policy.allowedPorts ?? DEFAULT_ALLOWED_PORTS;
  if (ports !== 'any' && !ports.includes(port)) {
    throw new UrlRefusedError(
      `Port ${port} is not allowed; the server fetches from ports ${ports.join(', ')} only.`,
    );
  }
  const host = url.hostname.toLowerCase();
  if (host === '') throw new UrlRefusedError('The address has no host name.');
  if (
    !policy.allowLoopback &&
    (host === 'localhost' || host.endsWith('.localhost') || host === 'localhost.')
  ) {
    throw new UrlRefusedError(`${host} is this server itself; give a public address.`, 'loopback');
  }
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) assertAllowedAddress(host, host, policy);
  return url;
}

/**
 * Throws when `address` (what `host` resolved to) is refused. The message names the host
 * and the range, not the address: a caller must not learn the server's internal DNS.
 */
export function assertAllowedAddress(host: string, address: string, policy: AddressPolicy): void {
  const verdict = classifyAddress(address, policy);
  if (verdict.allowed) return;
  throw new UrlRefusedError(
    `${host} points to ${RANGE_WORDS[verdict.range]}, which the server does not fetch from; give a public address.`,
    verdict.range,
  );
}

const RANGE_WORDS: Record<AddressRange, string> = {
  unspecified: 'the unspecified address',
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  'carrier-grade-nat': 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  documentation: 'a documentation address',
  'unique-local': 'a unique-local address',
  'ipv4-compatible': 'an IPv4-compatible IPv6 address',
  'ipv4-translated': 'an IPv4-translated IPv6 address',
  'nat64-local': 'a local-use NAT64 address',
  teredo: 'a Teredo tunnel address',
  'not-global-unicast': 'an IPv6 address outside global unicast',
  'not-an-address': 'something that is not an IP address',
};

// The address and URL rules of the URL fetch, one refused form per row, and the public
// addresses that must still pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUrl, classifyAddress, ipv6Groups, UrlRefusedError } from './url-guard';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.254', 'carrier-grade-nat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.1', 'benchmarking'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::127.0.0.1', 'ipv4-compatible'],
    ['::7f00:1', 'ipv4-compatible'],
    ['::8.8.8.8', 'ipv4-compatible'],
    ['::ffff:0:7f00:1', 'ipv4-translated'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b:1::1', 'nat64-local'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['2002:a9fe:a9fe::', 'link-local'],
    ['2001::1', 'teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2001:db8::1', 'documentation'],
    ['2001:10::1', 'reserved'],
    ['3fff::1', 'documentation'],
    ['100::1', 'not-global-unicast'],
    ['4000::1', 'not-global-unicast'],
    // Odd spellings are not addresses here: URLs are canonicalised before the check.
    ['0177.0.0.1', 'not-an-address'],
    ['2130706433', 'not-an-address'],
    ['0x7f.1', 'not-an-address'],
    ['127.1', 'not-an-address'],
    ['localhost', 'not-an-address'],
    ['fe80::1%eth0', 'not-an-address'],
    ['::ffff:127.0.0.1%lo', 'not-an-address'],
    ['2606:4700::1%1', 'not-an-address'],
    ['', 'not-an-address'],
  ])('refuses %s as %s', (address, range) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range });
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '1.1.1.1',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.1',
    '198.20.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('lets the public address %s through', (address) => {
    expect(classifyAddress(address)).toEqual({ allowed: true });
  });

  it('lets loopback through only when the policy says so, and nothing else with it', () => {
    const policy = { allowLoopback: true };
    expect(classifyAddress('127.0.0.1', policy)).toEqual({ allowed: true });
    expect(classifyAddress('::1', policy)).toEqual({ allowed: true });
    expect(classifyAddress('::ffff:127.0.0.1', policy)).toEqual({ allowed: true });
    expect(classifyAddress('10.0.0.1', policy)).toEqual({ allowed: false, range: 'private' });
    expect(classifyAddress('169.254.169.254', policy)).toMatchObject({ allowed: false });
  });

  it('expands IPv6 text to eight groups', () => {
    expect(ipv6Groups('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6Groups('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('fe80::')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 0]);
    expect(ipv6Groups('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('checkUrl', () => {
  const refused = (url: string, policy = {}) => {
    try {
      checkUrl(url, policy);
    } catch (error) {
      expect(error).toBeInstanceOf(UrlRefusedError);
      return (error as UrlRefusedError).message;
    }
    throw new Error(`${url} was accepted`);
  };

  it.each([
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://0x7f000001/',
    'http://127.0.0.1./',
    'http://%31%32%37.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::10.0.0.1]/',
    'http://[2002:c0a8:101::1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[ff02::1]/',
    'http://[::]/',
    'http://0.0.0.0/',
    'http://0/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://198.18.0.1/',
    'http://192.0.2.1/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.0.1/',
  ])('refuses the address in %s', (url) => {
    expect(refused(url)).toMatch(/points to .*address.*give a public address/);
  });

  it('refuses other schemes, credentials, odd ports and localhost names, saying why', () => {
    expect(refused('ftp://example.com/a.png')).toMatch(/Only http and https.*not ftp/);
    expect(refused('file:///etc/passwd')).toMatch(/not file/);
    expect(refused('javascript:alert(1)')).toMatch(/not javascript/);
    expect(refused('https://user:secret@example.com/a.png')).toMatch(/user name or password/);
    expect(refused('https://user@example.com/a.png')).toMatch(/user name or password/);
    expect(refused('http://example.com:22/a.png')).toMatch(/Port 22 is not allowed/);
    expect(refused('http://example.com:6379/')).toMatch(/Port 6379/);
    expect(refused('http://localhost/a.png')).toMatch(/this server itself/);
    expect(refused('http://api.localhost/a.png')).toMatch(/this server itself/);
    expect(refused('not a url')).toMatch(/not a valid URL/);
  });

  it('passes public addresses on the default ports and any port when told', () => {
    expect(checkUrl('https://example.com/a.png').hostname).toBe('example.com');
    expect(checkUrl('http://example.com:8080/a.png').port).toBe('8080');
    expect(checkUrl('http://93.184.215.14/a.png').hostname).toBe('93.184.215.14');
    expect(checkUrl('http://[2606:4700:4700::1111]/').hostname).toBe('[2606:4700:4700::1111]');
    expect(checkUrl('http://example.com:9999/', { allowedPorts: 'any' }).port).toBe('9999');
    expect(
      checkUrl('http://127.0.0.1:9999/', { allowedPorts: 'any', allowLoopback: true }).port,
    ).toBe('9999');
  });
});

describe('the guard, property-checked', () => {
  const hex = (value: number) => value.toString(16);
  const v4Parts = (address: string) => address.split('.').map(Number) as number[];

  it('judges an IPv6 form carrying an IPv4 address (mapped, NAT64, 6to4) as that address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const [a = 0, b = 0, c = 0, d = 0] = v4Parts(address);
        const expected = classifyAddress(address);
        const high = hex(a * 256 + b);
        const low = hex(c * 256 + d);
        expect(classifyAddress(`::ffff:${address}`)).toEqual(expected);
        expect(classifyAddress(`::ffff:${high}:${low}`)).toEqual(expected);
        expect(classifyAddress(`64:ff9b::${address}`)).toEqual(expected);
        expect(classifyAddress(`2002:${high}:${low}::1`)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every address of the private, loopback, link-local and CGNAT ranges', () => {
    const inRange = (base: [number, number], prefix: number) =>
      fc.integer({ min: 0, max: 2 ** (32 - prefix) - 1 }).map((offset) => {
        const value = (base[0] * 256 + base[1]) * 65536 + offset;
        return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
      });
    fc.assert(
      fc.property(
        fc.oneof(
          inRange([10, 0], 8),
          inRange([172, 16], 12),
          inRange([192, 168], 16),
          inRange([127, 0], 8),
          inRange([169, 254], 16),
          inRange([100, 64], 10),
        ),
        (address) => {
          expect(classifyAddress(address).allowed).toBe(false);
          expect(classifyAddress(`::ffff:${address}`).allowed).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a URL of any IPv4 spelling exactly when the address it means is refused', () => {
    fc.assert(
      fc.property(fc.ipV4Extended(), (spelling) => {
        let url: URL;
        try {
          url = new URL(`http://${spelling}/`);
        } catch {
          return; // not a host a request could go to
        }
        const verdict = classifyAddress(url.hostname);
        if (verdict.allowed) expect(checkUrl(url).hostname).toBe(url.hostname);
        else expect(() => checkUrl(url)).toThrow(UrlRefusedError);
      }),
      { numRuns: 500 },
    );
  });
});

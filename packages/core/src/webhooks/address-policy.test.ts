import { describe, expect, it } from 'vitest';
import { AddressPolicy, isAllowListEntry } from './address-policy.js';

const FORBIDDEN = [
  // IPv4: unspecified, private, CGNAT (and Alibaba's metadata), loopback, link-local (and the cloud metadata address).
  '0.0.0.0',
  '10.1.2.3',
  '100.64.0.1',
  '100.100.100.200',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.169.254',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '192.0.0.192',
  '198.18.0.1',
  '224.0.0.1',
  '255.255.255.255',
  // IPv6: unspecified, loopback, IPv4-compatible, IPv4-mapped (both spellings), unique local (and AWS's metadata), link-local.
  '::',
  '::1',
  '::127.0.0.1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:a9fe:a9fe',
  '0:0:0:0:0:ffff:c0a8:101',
  'fc00::1',
  'fd00:ec2::254',
  'fe80::1',
  'fe80::1%eth0',
  'ff02::1',
  // IPv6 forms that carry a private IPv4 address: NAT64 and 6to4; Teredo.
  '64:ff9b::7f00:1',
  '64:ff9b::10.0.0.1',
  '2002:7f00:1::1',
  '2002:c0a8:101::',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
];
const PUBLIC = [
  '93.184.215.14',
  '8.8.8.8',
  '172.32.0.1',
  '100.128.0.1',
  '2606:2800:21f:cb07:6820:80da:af6b:8b2c',
  '64:ff9b::808:808',
  '2002:808:808::1',
  '::ffff:8.8.8.8',
];

describe('AddressPolicy', () => {
  describe('.permits', () => {
    it.each(FORBIDDEN)('refuses %s by default', (address) => {
      expect(new AddressPolicy(false).permits(address)).toBe(false);
    });

    it.each(PUBLIC)('allows the public address %s', (address) => {
      expect(new AddressPolicy(false).permits(address)).toBe(true);
    });

    it('refuses anything that is not an IP address', () => {
      for (const value of ['localhost', '', 'example.com', '1.2.3', '::g']) {
        expect(new AddressPolicy(true).permits(value)).toBe(false);
      }
    });

    it('allows exactly the addresses and ranges a host lists, or every one when it says true', () => {
      const listed = new AddressPolicy(['127.0.0.1', '10.1.0.0/16', 'fd00::/8']);
      expect(
        ['127.0.0.1', '::ffff:127.0.0.1', '10.1.200.3', 'fd12::1'].map((a) => listed.permits(a)),
      ).toEqual([true, true, true, true]);
      expect(['127.0.0.2', '10.2.0.1', '169.254.169.254', 'fe80::1'].map((a) => listed.permits(a))).toEqual([
        false,
        false,
        false,
        false,
      ]);
      expect(FORBIDDEN.every((address) => new AddressPolicy(true).permits(address.split('%')[0]!))).toBe(
        true,
      );
    });
  });
});

describe('isAllowListEntry', () => {
  it('accepts addresses and CIDR ranges, and nothing else', () => {
    expect(['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', '0.0.0.0/0'].every(isAllowListEntry)).toBe(true);
    expect(
      ['10.0.0.0/33', 'fd00::/129', 'localhost', '10.0.0.0/8/1', '10.0.0.0/x', ''].some(isAllowListEntry),
    ).toBe(false);
  });
});

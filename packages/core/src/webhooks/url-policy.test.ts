import { describe, expect, it } from 'vitest';
import { ProvisioningError } from '../errors/provisioning-error.js';
import { checkSubscriberUrl, type ParsedUrlPolicy, WebhookUrlPolicy } from './url-policy.js';

const strict: ParsedUrlPolicy = WebhookUrlPolicy.parse({});

function reason(url: string, policy = strict): unknown {
  try {
    checkSubscriberUrl(url, policy);
    return 'accepted';
  } catch (error) {
    if (!ProvisioningError.is(error)) throw error;
    expect(error.code).toBe('invalid_input');
    return error.details?.reason;
  }
}

describe('checkSubscriberUrl', () => {
  it('accepts a public https URL', () => {
    expect(reason('https://hooks.example.com/provisionkit?tenant=acme')).toBe('accepted');
    expect(reason('https://93.184.215.14:8443/in')).toBe('accepted');
  });

  it('refuses http unless the host allows it, and other schemes always', () => {
    expect(reason('http://hooks.example.com/in')).toBe('insecure');
    expect(reason('http://hooks.example.com/in', { ...strict, allowHttp: true })).toBe('accepted');
    for (const url of [
      'ftp://hooks.example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'gopher://x/',
    ]) {
      expect(reason(url, { ...strict, allowHttp: true })).toBe('scheme');
    }
  });

  it('refuses private, loopback and metadata literals however they are spelled', () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://2130706433/',
      'https://0x7f.1/',
      'https://0177.0.0.1/',
      'https://127.1/',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[::ffff:a9fe:a9fe]/latest/meta-data',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00:ec2::254]/',
      'https://10.0.0.1/',
      'https://0.0.0.0/',
    ]) {
      expect(reason(url), url).toBe('forbidden_address');
    }
    expect(reason('https://localhost:8080/')).toBe('forbidden_address');
    expect(reason('https://api.localhost/')).toBe('forbidden_address');
  });

  it('allows private targets only as the host says', () => {
    const loopback = { allowHttp: true, allowPrivateNetworks: ['127.0.0.1'] };
    expect(reason('http://127.0.0.1:9000/in', loopback)).toBe('accepted');
    expect(reason('http://10.0.0.1/in', loopback)).toBe('forbidden_address');
    expect(reason('http://localhost:9000/in', { allowHttp: true, allowPrivateNetworks: true })).toBe(
      'accepted',
    );
  });

  it('refuses credentials in the URL and what is not a URL', () => {
    expect(reason('https://user:pass@hooks.example.com/')).toBe('credentials');
    expect(reason('hooks.example.com/in')).toBe('not_a_url');
    expect(reason(`https://hooks.example.com/${'a'.repeat(3000)}`)).toBe('not_a_url');
  });
});

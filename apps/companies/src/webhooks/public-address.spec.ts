import { describe, expect, it } from '@jest/globals';
import { addressRange, isPublicAddress, resolveWebhookTarget, WebhookUrlError } from './public-address.js';

describe('which addresses a webhook may reach', () => {
  it.each([
    ['93.184.215.14', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
  ])('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(range === 'unicast');
  });

  it('is no address at all when it does not parse', () => {
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });
});

describe('checking a webhook URL', () => {
  const resolver = (answers: Record<string, string[]>) => async (host: string) => {
    const found = answers[host];
    if (!found) throw new Error('ENOTFOUND');
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  const dns = resolver({ 'hooks.example.com': ['93.184.215.14'], 'mixed.example.com': ['93.184.215.14', '10.0.0.7'], 'inside.example.com': ['192.168.0.5'] });

  it('resolves a public host to the address to connect to', async () => {
    const target = await resolveWebhookTarget('https://hooks.example.com/tumen', false, dns);
    expect(target).toMatchObject({ address: '93.184.215.14', family: 4 });
    expect(target.url.pathname).toBe('/tumen');
  });

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['http://[::1]/hook', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['https://inside.example.com/', 'private'],
    ['https://mixed.example.com/', 'private'],
  ])('refuses %s (%s)', async (url, range) => {
    await expect(resolveWebhookTarget(url, false, dns)).rejects.toThrow(new RegExp(`\\(${range}\\)`));
  });

  it.each([
    ['ftp://hooks.example.com/', 'must use http or https'],
    ['https://user:pw@hooks.example.com/', 'must not carry credentials'],
    ['hooks.example.com/path', 'must be an absolute http or https URL'],
    ['https://nowhere.example.com/', 'host nowhere.example.com does not resolve'],
  ])('refuses %s: %s', async (url, reason) => {
    await expect(resolveWebhookTarget(url, false, dns)).rejects.toEqual(new WebhookUrlError(reason));
  });

  it('lets private addresses through when they are allowed, and still refuses other schemes', async () => {
    await expect(resolveWebhookTarget('http://127.0.0.1:9000/hook', true, dns)).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(resolveWebhookTarget('file:///etc/passwd', true, dns)).rejects.toEqual(new WebhookUrlError('must use http or https'));
  });
});

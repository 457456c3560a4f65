import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signedHeaders } from './webhook-signer.js';

const body = JSON.stringify({ type: 'match.created', timestamp: '2026-12-02T10:00:00.000Z', data: { matchId: 'm1', score: 81 } });

describe('signing a webhook', () => {
  it('makes secrets in the whsec_ form, each new', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('signs so that the standardwebhooks package verifies it', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders([secret], 'msg_1', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('signs with both secrets during a rotation: each verifies on its own, a third does not', () => {
    const current = newWebhookSecret();
    const previous = newWebhookSecret();
    const headers = signedHeaders([current, previous], 'msg_2', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow('No matching signature found');
  });

  it('binds the signature to the body and the id', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders([secret], 'msg_3', new Date(), body);
    expect(() => new Webhook(secret).verify(body.replace('81', '99'), { ...headers })).toThrow('No matching signature found');
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_4' })).toThrow('No matching signature found');
  });
});

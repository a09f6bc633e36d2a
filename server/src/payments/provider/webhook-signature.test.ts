import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookSignatureError } from './payment-provider.ts';
import { SIGNATURE_TOLERANCE_SECONDS, signWebhookPayload, verifyWebhookSignature } from './webhook-signature.ts';

const secret = 'whsec_unit';
const body = '{"id":"evt_1","object":"event","type":"invoice.paid"}';
const t = 1_893_456_000;

/** Written out independently of the module, from Stripe's documentation of the scheme. */
function v1(payload: string, key = secret, timestamp = t): string {
  return createHmac('sha256', key).update(`${timestamp}.${payload}`).digest('hex');
}

function verify(header: string | undefined, now = t, payload = body): void {
  verifyWebhookSignature(Buffer.from(payload), header, secret, now);
}

describe('webhook signature scheme', () => {
  it('signs as t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    expect(signWebhookPayload(body, secret, t)).toBe(`t=${t},v1=${v1(body)}`);
  });

  it('accepts its own signature, also with spaces after the commas', () => {
    expect(() => verify(signWebhookPayload(body, secret, t))).not.toThrow();
    expect(() => verify(`t=${t}, v1=${v1(body)}`)).not.toThrow();
  });

  it('checks the exact bytes: a changed body or another secret fails', () => {
    expect(() => verify(signWebhookPayload(body, secret, t), t, body.replace('paid', 'void'))).toThrow(WebhookSignatureError);
    expect(() => verify(signWebhookPayload(body, 'whsec_other', t))).toThrow('No signature matches the payload');
  });

  it(`allows ${SIGNATURE_TOLERANCE_SECONDS} s of clock difference either way, not more`, () => {
    const header = signWebhookPayload(body, secret, t);
    expect(() => verify(header, t + SIGNATURE_TOLERANCE_SECONDS)).not.toThrow();
    expect(() => verify(header, t - SIGNATURE_TOLERANCE_SECONDS)).not.toThrow();
    expect(() => verify(header, t + SIGNATURE_TOLERANCE_SECONDS + 1)).toThrow('Signature timestamp outside the tolerance');
    expect(() => verify(header, t - SIGNATURE_TOLERANCE_SECONDS - 1)).toThrow('Signature timestamp outside the tolerance');
    expect(() => verifyWebhookSignature(Buffer.from(body), header, secret, t + 1_000, 2_000)).not.toThrow();
  });

  it('accepts any matching v1 among several (secret rotation) and ignores other schemes', () => {
    expect(() => verify(`t=${t},v1=${v1(body, 'whsec_old')},v1=${v1(body)}`)).not.toThrow();
    expect(() => verify(`t=${t},v0=${v1(body)},v1=${v1(body)}`)).not.toThrow();
    expect(() => verify(`t=${t},v1=${v1(body, 'whsec_old')},v1=${v1(body, 'whsec_older')}`)).toThrow(WebhookSignatureError);
    // A v0 entry alone (Stripe's test scheme) is not a signature.
    expect(() => verify(`t=${t},v0=${v1(body)}`)).toThrow('Malformed Stripe-Signature header');
  });

  it('signs with the timestamp in the header, so a moved timestamp breaks the signature', () => {
    expect(() => verify(`t=${t + 1},v1=${v1(body)}`, t + 1)).toThrow('No signature matches the payload');
  });

  it.each([
    ['missing', undefined, 'Missing Stripe-Signature header'],
    ['empty', '', 'Missing Stripe-Signature header'],
    ['without t', `v1=${v1(body)}`, 'Malformed Stripe-Signature header'],
    ['without v1', `t=${t}`, 'Malformed Stripe-Signature header'],
    ['with a non-numeric t', `t=soon,v1=${v1(body)}`, 'Malformed Stripe-Signature header'],
    ['with a fractional t', `t=${t}.5,v1=${v1(body)}`, 'Malformed Stripe-Signature header'],
    ['with an empty v1', `t=${t},v1=`, 'No signature matches the payload'],
    ['with a truncated v1', `t=${t},v1=${v1(body).slice(0, 32)}`, 'No signature matches the payload'],
    ['with a non-hex v1', `t=${t},v1=${'z'.repeat(64)}`, 'No signature matches the payload'],
    ['that is garbage', 'garbage', 'Malformed Stripe-Signature header'],
  ])('rejects a header %s', (_case, header, message) => {
    expect(() => verify(header)).toThrow(WebhookSignatureError);
    expect(() => verify(header)).toThrow(message);
  });
});

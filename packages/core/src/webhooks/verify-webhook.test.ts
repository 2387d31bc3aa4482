import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../events/provision-event.js';
import { findSecretLeaks } from '../testing/secret-leaks.js';
import { verifyWebhook } from './verify-webhook.js';
import { generateWebhookSecret, webhookSecretKey } from './webhook-secret.js';
import { webhookHeaders } from './webhook-signature.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7Kq2YpBpNr0=';
const NOW = Date.parse('2024-05-11T10:00:00Z');
const SECONDS = Math.floor(NOW / 1000);

const event: ProvisionEvent = {
  id: 'evt_01',
  type: 'user.created',
  source: 'sync',
  sequence: 1,
  cursor: '1',
  time: '2024-05-11T09:59:59.000Z',
  tenant: 'acme',
  provider: 'mock',
  userId: 'u-1',
  version: 1,
  runId: 'run_1',
  data: {
    user: {
      id: 'u-1',
      userName: 'ada@acme.example',
      status: 'active',
      isAdmin: false,
      groups: [],
      attributes: {},
    },
  },
};
const BODY = JSON.stringify(event);

/** Headers as the reference library signs them. */
function referenceHeaders(secret: string, id: string, seconds: number, body: string) {
  const signature = new Webhook(secret).sign(id, new Date(seconds * 1000), body);
  return { 'webhook-id': id, 'webhook-timestamp': String(seconds), 'webhook-signature': signature };
}

function rejection(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('verifyWebhook', () => {
  it('accepts what the standardwebhooks library signs, as a string, a Buffer, Node or fetch headers', () => {
    const headers = referenceHeaders(SECRET, event.id, SECONDS, BODY);
    const verified = verifyWebhook(BODY, headers, SECRET, { now: NOW });
    expect(verified).toEqual({ id: event.id, timestamp: new Date(SECONDS * 1000), event });
    expect(verifyWebhook(Buffer.from(BODY), new Headers(headers), SECRET, { now: NOW }).event).toEqual(event);
    const shouting = Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [key.toUpperCase(), value]),
    );
    expect(verifyWebhook(BODY, shouting, SECRET, { now: NOW }).id).toBe(event.id);
  });

  it('agrees with the standardwebhooks library both ways on any body, id, time and secret', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }).filter((id) => !id.includes(' ')),
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 1_000_000_000, max: 4_000_000_000 }),
        fc.uint8Array({ minLength: 24, maxLength: 64 }),
        (id, text, seconds, keyBytes) => {
          const secret = `whsec_${Buffer.from(keyBytes).toString('base64')}`;
          const body = JSON.stringify({ ...event, id, data: { ...event.data, note: text } });
          const ours = webhookHeaders([webhookSecretKey(secret)], id, seconds, Buffer.from(body));
          const theirs = referenceHeaders(secret, id, seconds, body);
          expect(ours['webhook-signature']).toBe(theirs['webhook-signature']);
          // Their verifier accepts ours (it checks the time against the real clock: sign for now).
          const nowSeconds = Math.floor(Date.now() / 1000);
          const fresh = webhookHeaders([webhookSecretKey(secret)], id, nowSeconds, Buffer.from(body));
          expect(() => new Webhook(secret).verify(body, { ...fresh })).not.toThrow();
          // Ours accepts theirs.
          expect(verifyWebhook(body, theirs, secret, { now: seconds * 1000 }).id).toBe(id);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('accepts a header with several signatures and a list of secrets (a rotation)', () => {
    const next = generateWebhookSecret();
    const keys = [webhookSecretKey(SECRET), webhookSecretKey(next)];
    const headers = webhookHeaders(keys, event.id, SECONDS, Buffer.from(BODY));
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhook(BODY, headers, SECRET, { now: NOW }).id).toBe(event.id);
    expect(verifyWebhook(BODY, headers, next, { now: NOW }).id).toBe(event.id);
    const oldOnly = referenceHeaders(SECRET, event.id, SECONDS, BODY);
    expect(verifyWebhook(BODY, oldOnly, [next, SECRET], { now: NOW }).id).toBe(event.id);
    const extra = { ...oldOnly, 'webhook-signature': `v1a,AAAA v1,bm90IGl0 ${oldOnly['webhook-signature']}` };
    expect(verifyWebhook(BODY, extra, SECRET, { now: NOW }).id).toBe(event.id);
  });

  it('refuses a body changed in any way, even re-serialised with the same content', () => {
    const headers = referenceHeaders(SECRET, event.id, SECONDS, BODY);
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
    for (const body of [reserialised, `${BODY} `, BODY.replace('ada', 'eve')]) {
      expect(rejection(() => verifyWebhook(body, headers, SECRET, { now: NOW })).reason).toBe(
        'no_matching_signature',
      );
    }
  });

  it('refuses another secret, another id or timestamp, and signatures of another version', () => {
    const headers = referenceHeaders(SECRET, event.id, SECONDS, BODY);
    const cases = [
      () => verifyWebhook(BODY, headers, generateWebhookSecret(), { now: NOW }),
      () => verifyWebhook(BODY, { ...headers, 'webhook-id': 'evt_02' }, SECRET, { now: NOW }),
      () =>
        verifyWebhook(BODY, { ...headers, 'webhook-timestamp': String(SECONDS + 1) }, SECRET, { now: NOW }),
      () =>
        verifyWebhook(
          BODY,
          { ...headers, 'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,') },
          SECRET,
          { now: NOW },
        ),
      () => verifyWebhook(BODY, { ...headers, 'webhook-signature': 'v1,' }, SECRET, { now: NOW }),
    ];
    for (const run of cases) expect(rejection(run).reason).toBe('no_matching_signature');
  });

  it('refuses a timestamp outside the tolerance either way (replays), which the caller may widen', () => {
    const old = referenceHeaders(SECRET, event.id, SECONDS - 301, BODY);
    const future = referenceHeaders(SECRET, event.id, SECONDS + 301, BODY);
    expect(rejection(() => verifyWebhook(BODY, old, SECRET, { now: NOW })).reason).toBe('timestamp_too_old');
    expect(rejection(() => verifyWebhook(BODY, future, SECRET, { now: NOW })).reason).toBe(
      'timestamp_too_new',
    );
    expect(verifyWebhook(BODY, old, SECRET, { now: NOW, toleranceSeconds: 600 }).id).toBe(event.id);
    const edge = referenceHeaders(SECRET, event.id, SECONDS - 300, BODY);
    expect(verifyWebhook(BODY, edge, SECRET, { now: NOW }).id).toBe(event.id);
    const text = { ...old, 'webhook-timestamp': '17e8' };
    expect(rejection(() => verifyWebhook(BODY, text, SECRET, { now: NOW })).reason).toBe('invalid_timestamp');
  });

  it('refuses missing or repeated headers, naming the header', () => {
    const headers = referenceHeaders(SECRET, event.id, SECONDS, BODY);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const { [name]: _left, ...rest } = headers;
      const error = rejection(() => verifyWebhook(BODY, rest, SECRET, { now: NOW }));
      expect(error).toMatchObject({
        code: 'invalid_input',
        reason: 'missing_header',
        details: { header: name },
      });
      const twice = { ...headers, [name]: [headers[name], headers[name]] };
      expect(rejection(() => verifyWebhook(BODY, twice, SECRET, { now: NOW })).reason).toBe('missing_header');
    }
  });

  it('refuses an authentic body that is not an event, or whose id is not webhook-id', () => {
    for (const body of ['not json', '{"hello":"world"}', JSON.stringify({ ...event, id: 'evt_other' })]) {
      const headers = referenceHeaders(SECRET, event.id, SECONDS, body);
      expect(rejection(() => verifyWebhook(body, headers, SECRET, { now: NOW })).reason).toBe(
        'invalid_payload',
      );
    }
  });

  it('says the raw body is needed when given parsed JSON, and refuses a malformed secret without quoting it', () => {
    const headers = referenceHeaders(SECRET, event.id, SECONDS, BODY);
    expect(() => verifyWebhook(JSON.parse(BODY), headers, SECRET)).toThrow(/raw request body/);
    const canary = 'whsec_this-is-not-base64-canary!';
    try {
      verifyWebhook(BODY, headers, canary);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'secret' }] });
      expect(findSecretLeaks(error, [canary, 'canary'])).toEqual([]);
    }
  });

  it('never shows the secret, the signature or the body in a rejection', () => {
    const headers = referenceHeaders(SECRET, event.id, SECONDS, BODY);
    const errors = [
      rejection(() => verifyWebhook(`${BODY} `, headers, SECRET, { now: NOW })),
      rejection(() => verifyWebhook(BODY, headers, generateWebhookSecret(), { now: NOW })),
      rejection(() => verifyWebhook(BODY, headers, SECRET, { now: NOW + 3_600_000 })),
    ];
    const secretParts = [
      SECRET,
      SECRET.slice('whsec_'.length),
      headers['webhook-signature'].slice(3),
      'ada@acme.example',
    ];
    for (const error of errors) expect(findSecretLeaks(error, secretParts)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkV2, checkV3, decodeUriForV3, signV1, signV2, signV3 } from '../../server/middleware/hubspotSignature.ts';

// Official vectors: reference/hubspot-api.md §10.5 (HubSpot docs and SDK test suites).
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URI = 'https://www.example.com/webhook_uri';
const V1_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const SINGLE_QUOTED = "{'example_field':'example_value'}";
const BATCH_12_1 =
  '[{"eventId":3816279340,"subscriptionId":25,"portalId":62515,"appId":54321,"occurredAt":1764000000000,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":9001,"propertyName":"dealstage","propertyValue":"closedwon","changeSource":"CRM_UI","sourceId":"userId:529872"},{"eventId":3816279480,"subscriptionId":22,"portalId":62515,"appId":54321,"occurredAt":1764000000500,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":1246978,"changeFlag":"NEW","changeSource":"CRM"}]';

const req = (o: { method?: string; uri?: string; body?: string; headers: Record<string, string> }) => ({
  method: o.method ?? 'POST',
  uri: o.uri ?? URI,
  rawBody: Buffer.from(o.body ?? SINGLE_QUOTED),
  headers: o.headers,
});

describe('HubSpot signature algorithms reproduce every official vector', () => {
  it.each([
    [
      '#1 v1 webhook batch',
      () => signV1(SECRET, V1_BODY),
      '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
    ],
    [
      '#2 v2 GET, empty body',
      () => signV2(SECRET, 'GET', URI, ''),
      'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
    ],
    [
      '#3 v2 POST JSON',
      () => signV2(SECRET, 'POST', URI, '{"example_field":"example_value"}'),
      '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
    ],
    [
      '#4 v1 single quotes',
      () => signV1(SECRET, SINGLE_QUOTED),
      '69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750',
    ],
    [
      '#5 v2 POST single quotes',
      () => signV2(SECRET, 'POST', URI, SINGLE_QUOTED),
      '4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383',
    ],
    [
      '#6 v3 POST',
      () => signV3(SECRET, 'POST', URI, SINGLE_QUOTED, '15000000'),
      'HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=',
    ],
    [
      'extra v3 ms timestamp',
      () => signV3(SECRET, 'POST', URI, '{"example_field":"example_value"}', '1700000000000'),
      'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
    ],
    [
      '§12.1 batch v3',
      () => signV3(SECRET, 'POST', 'https://example.com/hubspot/webhooks', BATCH_12_1, '1764000001000'),
      'fNu/X56IIIbbU9PFKOWvRzcGQaKOj2KOQBCD4QVAKI0=',
    ],
    [
      '§12.1 batch v1',
      () => signV1(SECRET, BATCH_12_1),
      '7101d459f3153d479f989e7679acb3d5be15c87964f5b294cc193bce75317bbb',
    ],
    [
      '§12.1 batch v2',
      () => signV2(SECRET, 'POST', 'https://example.com/hubspot/webhooks', BATCH_12_1),
      '34cb720c08470dbae4260681b01b9b4beffea28f395777c336fca63496e83893',
    ],
  ])('%s', (_name, compute, expected) => {
    expect(compute()).toBe(expected);
  });
});

describe('v3 check', () => {
  const signed = (timestamp: string, over: Partial<{ body: string; uri: string; secret: string }> = {}) => ({
    'x-hubspot-signature-v3': signV3(
      over.secret ?? SECRET,
      'POST',
      over.uri ?? URI,
      over.body ?? SINGLE_QUOTED,
      timestamp,
    ),
    'x-hubspot-request-timestamp': timestamp,
  });

  it('accepts the official v3 vector when the clock says it was just sent', () => {
    const headers = {
      'x-hubspot-signature-v3': 'HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=',
      'x-hubspot-request-timestamp': '15000000',
    };
    expect(checkV3(req({ headers }), SECRET, 15_000_000 + 1_000)).toEqual({ ok: true, version: 'v3' });
  });

  it('accepts the §12.1 webhook batch at its own timestamp', () => {
    const headers = {
      'x-hubspot-signature-v3': 'fNu/X56IIIbbU9PFKOWvRzcGQaKOj2KOQBCD4QVAKI0=',
      'x-hubspot-request-timestamp': '1764000001000',
    };
    const r = req({ uri: 'https://example.com/hubspot/webhooks', body: BATCH_12_1, headers });
    expect(checkV3(r, SECRET, 1_764_000_002_000).ok).toBe(true);
  });

  const now = 1_764_000_000_000;
  it.each([
    ['a tampered body', () => req({ body: `${SINGLE_QUOTED} `, headers: signed(String(now)) }), /does not match/],
    ['the wrong secret', () => req({ headers: signed(String(now), { secret: 'other-secret' }) }), /does not match/],
    ['another URL', () => req({ uri: `${URI}?x=1`, headers: signed(String(now)) }), /does not match/],
    ['another method', () => ({ ...req({ headers: signed(String(now)) }), method: 'PUT' }), /does not match/],
    ['a timestamp older than 5 minutes', () => req({ headers: signed(String(now - 300_001)) }), /older than 5 minutes/],
    ['a timestamp more than 5 minutes ahead', () => req({ headers: signed(String(now + 300_001)) }), /in the future/],
    [
      'no signature header',
      () => req({ headers: { 'x-hubspot-request-timestamp': String(now) } }),
      /missing X-HubSpot-Signature-v3/,
    ],
    [
      'no timestamp header',
      () => req({ headers: { 'x-hubspot-signature-v3': signed(String(now))['x-hubspot-signature-v3'] } }),
      /missing X-HubSpot-Request-Timestamp/,
    ],
    [
      'a non-numeric timestamp',
      () => req({ headers: { ...signed(String(now)), 'x-hubspot-request-timestamp': 'soon' } }),
      /not epoch milliseconds/,
    ],
    [
      'a signature that is not base64 of the digest',
      () => req({ headers: { ...signed(String(now)), 'x-hubspot-signature-v3': 'not-a-signature' } }),
      /does not match/,
    ],
    [
      'a truncated signature',
      () =>
        req({
          headers: {
            ...signed(String(now)),
            'x-hubspot-signature-v3': signed(String(now))['x-hubspot-signature-v3'].slice(0, 20),
          },
        }),
      /does not match/,
    ],
  ])('rejects %s', (_name, build, reason) => {
    const result = checkV3(build(), SECRET, now);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('accepts a timestamp exactly at the 5-minute edge on both sides', () => {
    expect(checkV3(req({ headers: signed(String(now - 300_000)) }), SECRET, now).ok).toBe(true);
    expect(checkV3(req({ headers: signed(String(now + 300_000)) }), SECRET, now).ok).toBe(true);
  });
});

describe('v3 URI decoding', () => {
  it('decodes exactly the documented escapes, in either case, and leaves the rest encoded', () => {
    expect(decodeUriForV3('https://x.io/p?email=a%40b.com&t=%3a%2F%3F%21%24%27%28%29%2A%2C%3B')).toBe(
      "https://x.io/p?email=a@b.com&t=:/?!$'()*,;",
    );
    expect(decodeUriForV3('https://x.io/p?name=Jos%C3%A9%20P&plus=%2B&amp=%26')).toBe(
      'https://x.io/p?name=Jos%C3%A9%20P&plus=%2B&amp=%26',
    );
  });

  it('accepts a request whose query carries encoded characters, signed over the decoded URI', () => {
    const encoded = 'https://www.example.com/webhook_uri?email=rep%40acme.com&q=a%2Cb%20c';
    const decoded = 'https://www.example.com/webhook_uri?email=rep@acme.com&q=a,b%20c';
    const timestamp = '1764000000000';
    const headers = {
      'x-hubspot-signature-v3': signV3(SECRET, 'GET', decoded, '', timestamp),
      'x-hubspot-request-timestamp': timestamp,
    };
    expect(
      checkV3({ method: 'GET', uri: encoded, rawBody: Buffer.alloc(0), headers }, SECRET, 1_764_000_000_500).ok,
    ).toBe(true);
  });
});

describe('v2 check', () => {
  it('accepts the official v2 POST vector', () => {
    const headers = {
      'x-hubspot-signature': '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
      'x-hubspot-signature-version': 'v2',
    };
    expect(checkV2(req({ body: '{"example_field":"example_value"}', headers }), SECRET)).toEqual({
      ok: true,
      version: 'v2',
    });
  });

  it('accepts the official v2 GET vector (uppercase hex too)', () => {
    const headers = { 'x-hubspot-signature': 'EEE2DDDCC73C94D699F5E395F4B9D454A069A6855FBFA152E91E88823087200E' };
    expect(checkV2({ method: 'GET', uri: URI, rawBody: Buffer.alloc(0), headers }, SECRET).ok).toBe(true);
  });

  it.each([
    ['a tampered body', { 'x-hubspot-signature': signV2(SECRET, 'POST', URI, '{}') }, /does not match/],
    [
      'a v1 signature presented as v1',
      { 'x-hubspot-signature': signV1(SECRET, SINGLE_QUOTED), 'x-hubspot-signature-version': 'v1' },
      /v1 is not accepted/,
    ],
    ['no signature', {}, /missing X-HubSpot-Signature/],
  ])('rejects %s', (_name, headers, reason) => {
    const result = checkV2(req({ headers: headers as Record<string, string> }), SECRET);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

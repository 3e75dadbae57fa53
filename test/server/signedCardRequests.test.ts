import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { signV2, signV3 } from '../../server/middleware/hubspotSignature.ts';
import { TEST_ORIGIN, TEST_SECRET, buildTestApp } from '../support/testApp.ts';

const PATH = '/api/cards/status?portalId=4242';

function v3Headers(method: string, pathAndQuery: string, body: string, timestamp: number, secret = TEST_SECRET) {
  return {
    'X-HubSpot-Signature-v3': signV3(secret, method, `${TEST_ORIGIN}${pathAndQuery}`, body, String(timestamp)),
    'X-HubSpot-Request-Timestamp': String(timestamp),
  };
}

describe('card requests are answered only when HubSpot signed them', () => {
  it('when the portal has installed the app, a signed status request says connected', async () => {
    const { app, installations, nowMs } = buildTestApp();
    installations.upsert(
      { portalId: 4242, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: 'acme.com' },
      new Date(),
    );
    const res = await request(app)
      .get(PATH)
      .set(v3Headers('GET', PATH, '', nowMs));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ portalId: 4242, state: 'connected' });
  });

  it('when the portal never installed, the card is told it is not connected', async () => {
    const { app, nowMs } = buildTestApp();
    const res = await request(app)
      .get(PATH)
      .set(v3Headers('GET', PATH, '', nowMs));
    expect(res.body).toMatchObject({ portalId: 4242, state: 'not_connected' });
  });

  it('when a refresh failed for good, the card shows why', async () => {
    const { app, installations, nowMs } = buildTestApp();
    installations.upsert(
      {
        portalId: 4242,
        authKind: 'oauth',
        status: 'needs_reauthorization',
        statusReason: 'refresh token revoked',
        hubDomain: null,
      },
      new Date(),
    );
    const res = await request(app)
      .get(PATH)
      .set(v3Headers('GET', PATH, '', nowMs));
    expect(res.body.state).toBe('needs_reauthorization');
    expect(res.body.message).toContain('refresh token revoked');
  });

  it('when the portal id in the query is not a number, answers 400 naming the field', async () => {
    const { app, nowMs } = buildTestApp();
    const path = '/api/cards/status?portalId=abc';
    const res = await request(app)
      .get(path)
      .set(v3Headers('GET', path, '', nowMs));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.message).toContain('query.portalId');
  });

  const now = 1_790_000_000_000;
  it.each([
    ['no signature at all', () => ({})],
    [
      'a signature for another portal id (tampered query)',
      () => v3Headers('GET', '/api/cards/status?portalId=1', '', now),
    ],
    ['the wrong secret', () => v3Headers('GET', PATH, '', now, 'not-our-secret')],
    ['a stale timestamp', () => v3Headers('GET', PATH, '', now - 301_000)],
    ['a future timestamp', () => v3Headers('GET', PATH, '', now + 301_000)],
    [
      'a malformed timestamp',
      () => ({ ...v3Headers('GET', PATH, '', now), 'X-HubSpot-Request-Timestamp': 'yesterday' }),
    ],
    [
      'only a v2 signature (cards must carry v3)',
      () => ({
        'X-HubSpot-Signature': signV2(TEST_SECRET, 'GET', `${TEST_ORIGIN}${PATH}`, ''),
        'X-HubSpot-Signature-Version': 'v2',
      }),
    ],
    [
      'a signature over a different host',
      () => ({
        ...v3Headers('GET', PATH, '', now),
        'X-HubSpot-Signature-v3': signV3(TEST_SECRET, 'GET', `https://evil.test${PATH}`, '', String(now)),
      }),
    ],
  ])('answers 401 for %s and never reaches the handler', async (_name, headers) => {
    const { app, installations, logs } = buildTestApp({ nowMs: now });
    installations.upsert(
      { portalId: 4242, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: null },
      new Date(now),
    );
    const res = await request(app).get(PATH).set(headers());
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.body.error.message).toMatch(/^Invalid HubSpot signature: /);
    expect(res.body).not.toHaveProperty('state');
    // The rejected signature is never echoed into logs.
    expect(logs.lines.join('')).not.toMatch(/X-HubSpot-Signature-v3"?:\s*"[A-Za-z0-9+/=]{20,}/i);
  });

  it('without a configured client secret, refuses with 503 rather than trusting unsigned requests', async () => {
    const { app } = buildTestApp({ config: { publicOrigin: TEST_ORIGIN, bodyLimit: '100kb', hubspot: {} } });
    const res = await request(app).get(PATH);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain('HUBSPOT_CLIENT_SECRET');
  });
});

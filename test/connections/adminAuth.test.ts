import { createHash } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createPortal } from '../../sandbox/hubspot/portals.ts';
import { errorHandler } from '../../server/middleware/errorHandler.ts';
import { signV3 } from '../../server/middleware/hubspotSignature.ts';
import { apiKeyOf, requireApiKey } from '../../server/middleware/requireApiKey.ts';
import { captureLogs } from '../support/testApp.ts';
import { adminClient } from './support/adminClient.ts';
import { ADMIN_TOKEN, type ConnectionWorld, startConnectionWorld } from './support/connectionWorld.ts';
import { installOverHttp } from './support/installFlow.ts';

const A = 62515;
const B = 70001;
let w: ConnectionWorld;
afterEach(() => w.close());

async function twoPortals(adminToken?: string | null) {
  w = await startConnectionWorld({ adminToken });
  createPortal(w.sandbox.state, { id: B });
  await installOverHttp(w.url, A);
  await installOverHttp(w.url, B);
}

const operator = () => adminClient(w.url, { bearer: ADMIN_TOKEN });
const settingsPageOf = (portalId: number, secret = w.seeded.client.clientSecret) =>
  adminClient(w.url, { signAs: { portalId, secret } });
const keyRows = () => w.db.prepare('SELECT * FROM portal_api_keys').all() as { key_hash: string }[];

/** A route an external system would call, guarded by an `orders` API key. */
function externalApp() {
  const app = express();
  app.get('/orders', requireApiKey(w.services.apiKeys, 'orders'), (_req, res) => {
    res.json({ portalId: apiKeyOf(res).portalId });
  });
  app.use(errorHandler(captureLogs().logger));
  return app;
}

describe('admin API authentication', () => {
  it('a request signed by HubSpot for a portal may act on that portal only', async () => {
    await twoPortals();
    const page = settingsPageOf(A);
    const created = await page('POST', `/admin/portals/${A}/api-keys`, { name: 'ERP', scope: 'orders' });
    expect(created.status).toBe(201);
    expect(
      (await page('GET', '/admin/connections')).body.connections.map((c: { portalId: number }) => c.portalId),
    ).toEqual([A]);
    expect((await page('GET', `/admin/portals/${A}/fields?objectType=deals`)).status).toBe(200);
  });

  it('a signed request naming another portal in the path gets 403 and changes nothing', async () => {
    await twoPortals();
    const page = settingsPageOf(A);
    for (const [method, path, body] of [
      ['POST', `/admin/portals/${B}/api-keys`, { name: 'ERP', scope: 'orders' }],
      ['DELETE', `/admin/connections/${B}`, undefined],
      ['GET', `/admin/portals/${B}/fields`, undefined],
    ] as const) {
      const res = await page(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toBe(`This request is signed for portal ${A}, not for portal ${B}`);
    }
    expect(keyRows()).toEqual([]);
    expect(w.services.installations.find(B)?.status).toBe('active');
  });

  it('the operator’s bearer token reaches every portal', async () => {
    await twoPortals();
    const res = await operator()('GET', '/admin/connections');
    expect(res.body.connections.map((c: { portalId: number }) => c.portalId)).toEqual([A, B]);
    expect((await operator()('POST', `/admin/portals/${B}/api-keys`, { name: 'ERP', scope: 'orders' })).status).toBe(
      201,
    );
  });

  it.each([
    ['no credentials at all', {}],
    ['a wrong bearer token', { bearer: 'x'.repeat(40) }],
    ['a signature made with another secret', { signAs: { portalId: A, secret: 'not-the-client-secret' } }],
  ])('with %s, answers 401 and changes nothing', async (_case, auth) => {
    await twoPortals();
    const call = adminClient(w.url, auth);
    const created = await call('POST', `/admin/portals/${A}/api-keys`, { name: 'ERP', scope: 'orders' });
    expect(created.status).toBe(401);
    expect((await call('DELETE', `/admin/connections/${A}`)).status).toBe(401);
    expect(keyRows()).toEqual([]);
    expect(w.services.installations.find(A)?.status).toBe('active');
  });

  it('a signature older than 5 minutes is refused', async () => {
    await twoPortals();
    const url = `${w.url}/admin/connections?portalId=${A}`;
    const timestamp = String(Date.now() - 301_000);
    const res = await fetch(url, {
      headers: {
        'x-hubspot-signature-v3': signV3(w.seeded.client.clientSecret, 'GET', url, '', timestamp),
        'x-hubspot-request-timestamp': timestamp,
      },
    });
    expect(res.status).toBe(401);
  });

  it('a signed request that names no portal is refused with 400', async () => {
    await twoPortals();
    const url = `${w.url}/admin/connections`;
    const timestamp = String(Date.now());
    const res = await fetch(url, {
      headers: {
        'x-hubspot-signature-v3': signV3(w.seeded.client.clientSecret, 'GET', url, '', timestamp),
        'x-hubspot-request-timestamp': timestamp,
      },
    });
    expect(res.status).toBe(400);
  });

  it('without ADMIN_TOKEN configured, no bearer token is accepted, while signed requests still work', async () => {
    await twoPortals(null);
    const res = await adminClient(w.url, { bearer: ADMIN_TOKEN })('GET', '/admin/connections');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('ADMIN_TOKEN is not set');
    expect((await settingsPageOf(A)('GET', '/admin/connections')).status).toBe(200);
  });
});

describe('per-portal API keys for external systems', () => {
  it('a new key is shown once, stored only as a hash, listed without the secret, and opens its portal', async () => {
    await twoPortals();
    const created = await operator()('POST', `/admin/portals/${A}/api-keys`, { name: 'Order system', scope: 'orders' });
    const key: string = created.body.key;
    expect(key).toMatch(/^sbk_[\w-]{43}$/);
    expect(created.body).toMatchObject({ name: 'Order system', scope: 'orders', keyPrefix: key.slice(0, 10) });
    expect(keyRows()).toEqual([expect.objectContaining({ key_hash: createHash('sha256').update(key).digest('hex') })]);
    expect(JSON.stringify(keyRows())).not.toContain(key);
    const listed = await operator()('GET', `/admin/portals/${A}/api-keys`);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.apiKeys).toEqual([expect.objectContaining({ id: created.body.id, revokedAt: null })]);
    const res = await request(externalApp()).get('/orders').set('authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ portalId: A });
  });

  it('a revoked key gets 401; a key of another scope gets 403; a made-up key gets 401', async () => {
    await twoPortals();
    const orders = (await operator()('POST', `/admin/portals/${A}/api-keys`, { name: 'ERP', scope: 'orders' })).body;
    const sessions = (await operator()('POST', `/admin/portals/${A}/api-keys`, { name: 'Calls', scope: 'sessions' }))
      .body;
    expect((await operator()('DELETE', `/admin/portals/${A}/api-keys/${orders.id}`)).status).toBe(204);
    const app = externalApp();
    expect((await request(app).get('/orders').set('authorization', `Bearer ${orders.key}`)).status).toBe(401);
    expect((await request(app).get('/orders').set('authorization', `Bearer ${sessions.key}`)).status).toBe(403);
    expect(
      (
        await request(app)
          .get('/orders')
          .set('authorization', `Bearer sbk_${'A'.repeat(43)}`)
      ).status,
    ).toBe(401);
    expect((await request(app).get('/orders')).status).toBe(401);
  });

  it('a portal cannot revoke another portal’s key', async () => {
    await twoPortals();
    const key = (await operator()('POST', `/admin/portals/${B}/api-keys`, { name: 'ERP', scope: 'orders' })).body;
    expect((await operator()('DELETE', `/admin/portals/${A}/api-keys/${key.id}`)).status).toBe(404);
    expect((await request(externalApp()).get('/orders').set('authorization', `Bearer ${key.key}`)).status).toBe(200);
  });
});

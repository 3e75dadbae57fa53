import { PreviewResponse, SendResponse, WhatsAppCardResponse } from '@switchboard/contract';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { signV3 } from '../../../server/middleware/hubspotSignature.ts';
import { errorHandler, notFound } from '../../../server/middleware/errorHandler.ts';
import { requireHubspotSignature } from '../../../server/middleware/requireHubspotSignature.ts';
import { whatsappCardRoutes } from '../../../server/routes/whatsappCards.ts';
import { captureLogs, TEST_ORIGIN, TEST_SECRET } from '../../support/testApp.ts';
import { grantConsent } from '../messagingFixtures.ts';
import { CONTACT_ID, type CardWorld, OTHER_PORTAL, PHONE, PORTAL, startCardWorld } from './cardWorld.ts';

let c: CardWorld;
afterEach(() => c?.close());

/** The card routes as createApp mounts them: HubSpot v3 signature first, the one error middleware last. */
async function startApp() {
  c = await startCardWorld();
  const signed = requireHubspotSignature({
    clientSecret: TEST_SECRET,
    publicOrigin: TEST_ORIGIN,
    now: c.clock.now,
    accept: 'v3',
    bodyLimit: '100kb',
  });
  const app = express();
  app.set('query parser', 'simple');
  app.use(whatsappCardRoutes({ cards: c.service, signed }));
  app.use(notFound);
  app.use(errorHandler(captureLogs().logger));
  return app;
}

/** Headers HubSpot adds to a hubspot.fetch: the v3 signature over method, full URL, body and timestamp. */
function signedBy(method: string, path: string, body: string, timestamp: number, secret = TEST_SECRET) {
  return {
    'X-HubSpot-Signature-v3': signV3(secret, method, `${TEST_ORIGIN}${path}`, body, String(timestamp)),
    'X-HubSpot-Request-Timestamp': String(timestamp),
  };
}

const get = (app: express.Express, path: string) =>
  request(app)
    .get(path)
    .set(signedBy('GET', path, '', c.clock.now()));

function post(app: express.Express, path: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return request(app)
    .post(path)
    .set({ ...signedBy('POST', path, body, c.clock.now()), 'Content-Type': 'application/json' })
    .send(body);
}

const CARD = `/api/cards/whatsapp?portalId=${PORTAL}&contactId=${CONTACT_ID}`;
const sendBody = (over: Record<string, unknown> = {}) => ({
  kind: 'template',
  portalId: PORTAL,
  contactId: CONTACT_ID,
  templateName: 'order_update',
  language: 'en_US',
  requestId: 'click-0001',
  ...over,
});

describe('WhatsApp card endpoints answer only signed requests', () => {
  it('a signed card request gets the contact’s WhatsApp view in the contract’s shape', async () => {
    const app = await startApp();
    const res = await get(app, CARD);
    expect(res.status).toBe(200);
    expect(WhatsAppCardResponse.parse(res.body)).toMatchObject({ phone: PHONE, messages: [] });
  });

  it('an unsigned or wrongly signed request gets 401, and an unsigned send reaches nobody', async () => {
    const app = await startApp();
    grantConsent(c.w, PHONE);
    expect((await request(app).get(CARD)).status).toBe(401);
    const body = JSON.stringify(sendBody());
    const forged = await request(app)
      .post('/api/cards/whatsapp/send')
      .set({ ...signedBy('POST', '/api/cards/whatsapp/send', body, c.clock.now(), 'not-our-secret') })
      .set('Content-Type', 'application/json')
      .send(body);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthorized');
    const unsigned = await request(app).post('/api/cards/whatsapp/send').send(sendBody());
    expect(unsigned.status).toBe(401);
    expect(c.sandbox.sandbox.state.sent).toEqual([]);
  });

  it('a body signed for one portal id cannot be replayed with another (tampered query)', async () => {
    const app = await startApp();
    const signedPath = CARD;
    const res = await request(app)
      .get(`/api/cards/whatsapp?portalId=${OTHER_PORTAL}&contactId=${CONTACT_ID}`)
      .set(signedBy('GET', signedPath, '', c.clock.now()));
    expect(res.status).toBe(401);
  });
});

describe('WhatsApp card endpoints: bad input gets 400 naming the field', () => {
  it.each([
    ['a contact id that is not a record id', `/api/cards/whatsapp?portalId=${PORTAL}&contactId=abc`, 'query.contactId'],
    ['no portal id', `/api/cards/whatsapp?contactId=${CONTACT_ID}`, 'query.portalId'],
  ])('GET with %s', async (_what, path, field) => {
    const app = await startApp();
    const res = await get(app, path);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation', message: expect.stringContaining(field) });
  });

  it.each([
    ['a send without requestId', '/api/cards/whatsapp/send', sendBody({ requestId: undefined }), 'body.requestId'],
    ['a text longer than WhatsApp allows', '/api/cards/whatsapp/send', textBody('x'.repeat(4097)), 'body.text'],
    [
      'a preview without a template name',
      '/api/cards/whatsapp/preview',
      { portalId: PORTAL, contactId: '501' },
      'body.templateName',
    ],
    ['a consent with a one-letter source', '/api/cards/whatsapp/consent', consentBody({ source: 'x' }), 'body.source'],
  ])('POST with %s', async (_what, path, body, field) => {
    const app = await startApp();
    const res = await post(app, path, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation', message: expect.stringContaining(field) });
    expect(c.sandbox.sandbox.state.sent).toEqual([]);
  });
});

function textBody(text: string) {
  return { kind: 'text', portalId: PORTAL, contactId: CONTACT_ID, text, requestId: 'click-text-1' };
}
function consentBody(over: Record<string, unknown> = {}) {
  return { portalId: PORTAL, contactId: CONTACT_ID, category: 'marketing', granted: true, source: 'web form', ...over };
}

describe('WhatsApp card endpoints: sends, previews and consent over HTTP', () => {
  it('a template send and HubSpot’s retry of the same fetch answer the same message; one reaches WhatsApp', async () => {
    const app = await startApp();
    grantConsent(c.w, PHONE);
    const first = await post(app, '/api/cards/whatsapp/send', sendBody());
    const retry = await post(app, '/api/cards/whatsapp/send', sendBody());
    expect(first.status).toBe(200);
    expect(SendResponse.parse(first.body).message).toMatchObject({ status: 'sent', templateName: 'order_update' });
    expect(retry.body).toEqual(first.body);
    expect(c.sandbox.sandbox.state.sent).toHaveLength(1);
  });

  it('free text outside the window is refused with 409 and the reasons, and nothing is sent', async () => {
    const app = await startApp();
    const res = await post(app, '/api/cards/whatsapp/send', textBody('Are you there?'));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('only an approved template can be sent');
    expect(res.body.error.details.refusals.map((r: { code: string }) => r.code)).toEqual(['window_closed']);
    expect(c.sandbox.sandbox.state.sent).toEqual([]);
  });

  it('a POST whose signed query names another portal than its body is refused with 403', async () => {
    const app = await startApp();
    const res = await post(app, `/api/cards/whatsapp/consent?portalId=${OTHER_PORTAL}`, consentBody());
    expect(res.status).toBe(403);
    expect(c.w.contacts.find(PORTAL, PHONE)).toBeUndefined();
  });

  it('a contact of another portal is 404, a portal without WhatsApp 503 with what to do', async () => {
    const app = await startApp();
    c.connectOtherPortal();
    const other = await get(app, `/api/cards/whatsapp?portalId=${OTHER_PORTAL}&contactId=${CONTACT_ID}`);
    expect(other.status).toBe(404);
    c.w.db.prepare('DELETE FROM whatsapp_accounts WHERE portal_id = ?').run(OTHER_PORTAL);
    const body = { portalId: OTHER_PORTAL, contactId: CONTACT_ID, templateName: 'order_update', language: 'en_US' };
    const unconnected = await post(app, '/api/cards/whatsapp/preview', body);
    expect(unconnected.status).toBe(503);
    expect(unconnected.body.error.message).toContain('WhatsApp is not connected for portal 202');
  });

  it('preview and consent answer the contract’s shapes', async () => {
    const app = await startApp();
    const preview = await post(app, '/api/cards/whatsapp/preview', {
      portalId: PORTAL,
      contactId: CONTACT_ID,
      templateName: 'order_update',
      language: 'en_US',
    });
    expect(PreviewResponse.parse(preview.body)).toMatchObject({
      text: 'Hi Ada, your order A-1042 has been updated. Reply here if you have any questions.',
      refusals: [{ code: 'no_consent' }],
    });
    const consent = await post(app, '/api/cards/whatsapp/consent', consentBody({ category: 'utility' }));
    expect(consent.status).toBe(200);
    expect(consent.body.consent).toMatchObject({ utility: 'granted', marketing: 'unknown', optedOut: false });
    const after = await post(app, '/api/cards/whatsapp/preview', {
      portalId: PORTAL,
      contactId: CONTACT_ID,
      templateName: 'order_update',
      language: 'en_US',
    });
    expect(after.body.refusals).toEqual([]);
  });
});

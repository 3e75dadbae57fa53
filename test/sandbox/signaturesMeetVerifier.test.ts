import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardFetch, deliverWebhooks, executeWorkflowAction } from '../../sandbox/hubspot/caller/index.ts';
import { signWebhookBody } from '../../sandbox/whatsapp/index.ts';
import { checkV2, checkV3 } from '../../server/middleware/hubspotSignature.ts';
import { checkMetaSignature } from '../../server/middleware/metaSignature.ts';
import { TEST_SECRET, buildTestApp } from '../support/testApp.ts';
import { type Captured, startCaptureServer } from './support/captureServer.ts';

/**
 * The sandbox signs like HubSpot and Meta; the service verifies like HubSpot and Meta say to. These tests put the
 * two independent implementations against each other over real HTTP, so neither can drift alone.
 */

const asSignedRequest = (c: Captured, origin: string) => ({
  method: c.method,
  uri: `${origin}${c.url}`,
  rawBody: Buffer.from(c.body, 'utf8'),
  headers: c.headers,
});

describe('a card request signed by the sandbox is accepted by the real service', () => {
  let server: http.Server;
  let origin: string;
  let world: ReturnType<typeof buildTestApp>;

  beforeAll(async () => {
    server = http.createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The service checks signatures against its configured public origin and a live clock, as in production.
    world = buildTestApp({
      config: { publicOrigin: origin, bodyLimit: '1mb', hubspot: { clientSecret: TEST_SECRET } },
      now: () => Date.now(),
    });
    server.on('request', world.app);
    world.installations.upsert(
      { portalId: 777, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: 'acme.test' },
      new Date(),
    );
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const fetchStatus = (secret: string) =>
    cardFetch({
      url: `${origin}/api/cards/status?portalId=777`,
      method: 'GET',
      clientSecret: secret,
      portalId: 777,
      userId: 1,
      userEmail: 'rep@acme.test',
    });

  it('answers the status for the signed portal', async () => {
    const result = await fetchStatus(TEST_SECRET);
    expect(result.ok).toBe(true);
    expect(result.ok && result.body).toMatchObject({ portalId: 777, state: 'connected' });
  });

  it('refuses the same request signed with another app secret', async () => {
    const result = await fetchStatus('another-apps-secret');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.status).toBe(401);
  });
});

describe('webhook batches and workflow actions signed by the sandbox verify with the service verifier', () => {
  it('every webhook batch carries a v3 signature the verifier accepts, on every attempt', async () => {
    const capture = await startCaptureServer((_req, i) => ({ status: i === 0 ? 500 : 204 }));
    const origin = capture.url;
    await deliverWebhooks({
      targetUrl: `${origin}/webhooks/hubspot`,
      clientSecret: TEST_SECRET,
      events: [
        {
          eventId: 1,
          subscriptionId: 25,
          portalId: 777,
          appId: 1,
          occurredAt: Date.now(),
          subscriptionType: 'deal.propertyChange',
          attemptNumber: 0,
          objectId: 9,
          propertyName: 'dealstage',
          propertyValue: 'closedwon',
          changeSource: 'CRM_UI',
        },
      ],
      sleep: async () => {},
    });
    expect(capture.received).toHaveLength(2);
    for (const c of capture.received) {
      expect(checkV3(asSignedRequest(c, origin), TEST_SECRET, Date.now())).toEqual({ ok: true, version: 'v3' });
    }
    expect(JSON.parse(capture.received[1]!.body)[0].attemptNumber).toBe(1);
    await capture.close();
  });

  it.each([
    ['with v3', true, 'v3'],
    ['with only v2', false, 'v2'],
  ])('a workflow action executed %s verifies', async (_name, withV3, version) => {
    const capture = await startCaptureServer(() => ({
      status: 200,
      body: '{"outputFields":{"hs_execution_state":"SUCCESS"}}',
    }));
    await executeWorkflowAction({
      actionUrl: `${capture.url}/actions/send-whatsapp`,
      clientSecret: TEST_SECRET,
      callbackId: 'ap-1-2-3',
      portalId: 777,
      object: { objectId: 5, objectType: 'CONTACT' },
      inputFields: { templateName: 'welcome' },
      signV3: withV3,
    });
    const c = capture.received[0]!;
    const req = asSignedRequest(c, capture.url);
    const check = withV3 ? checkV3(req, TEST_SECRET, Date.now()) : checkV2(req, TEST_SECRET);
    expect(check).toEqual({ ok: true, version });
    // v2 is always there too, as HubSpot documents for workflow actions.
    expect(checkV2(req, TEST_SECRET).ok).toBe(true);
    await capture.close();
  });
});

describe('WhatsApp webhook signatures', () => {
  const examples = resolve(import.meta.dirname, '../../../shared/whatsapp-openapi/examples');
  const body = readFileSync(resolve(examples, 'signature-vector.body.json'));

  it('the official vector verifies, and so does what the sandbox signs', () => {
    const header = /X-Hub-Signature-256: (\S+)/.exec(
      readFileSync(resolve(examples, 'signature-vector.txt'), 'utf8'),
    )![1];
    expect(checkMetaSignature(body, header, 'test_app_secret')).toEqual({ ok: true });
    expect(
      checkMetaSignature(body, signWebhookBody('test_app_secret', body.toString('utf8')), 'test_app_secret'),
    ).toEqual({ ok: true });
  });

  it.each([
    ['a changed body', Buffer.concat([body, Buffer.from(' ')]), undefined, /does not match/],
    ['another secret', body, signWebhookBody('other', body.toString('utf8')), /does not match/],
    ['no header', body, '', /missing/],
    ['a sha1 header', body, 'sha1=0123456789abcdef0123456789abcdef01234567', /not sha256=/],
  ])('rejects %s', (_name, raw, header, reason) => {
    const h = header === undefined ? signWebhookBody('test_app_secret', body.toString('utf8')) : header;
    const result = checkMetaSignature(raw, h || undefined, 'test_app_secret');
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

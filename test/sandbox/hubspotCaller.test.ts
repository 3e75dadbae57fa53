import { Signature } from '@hubspot/api-client';
import { afterEach, describe, expect, it } from 'vitest';
import { cardFetch } from '../../sandbox/hubspot/caller/cardFetch.ts';
import { deliverWebhooks, type WebhookEvent } from '../../sandbox/hubspot/caller/deliverWebhooks.ts';
import { executeWorkflowAction } from '../../sandbox/hubspot/caller/executeWorkflowAction.ts';
import { signV1, signV2, signV3 } from '../../sandbox/hubspot/caller/signatures.ts';
import { type Captured, type Responder, startCaptureServer } from './support/captureServer.ts';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const URI = 'https://www.example.com/webhook_uri';

let server: Awaited<ReturnType<typeof startCaptureServer>> | undefined;
afterEach(() => server?.close());

async function target(respond?: Responder) {
  server = await startCaptureServer(respond);
  return server;
}

/** Verifies a captured request with the SDK's own helper: an independent check of our signing. */
function sdkValid(req: Captured, version: 'v1' | 'v2' | 'v3', url: string): boolean {
  const header = version === 'v3' ? 'x-hubspot-signature-v3' : 'x-hubspot-signature';
  return Signature.isValid({
    signatureVersion: version,
    signature: String(req.headers[header]),
    clientSecret: SECRET,
    requestBody: req.body,
    url,
    method: req.method,
    timestamp: Number(req.headers['x-hubspot-request-timestamp']),
  });
}

const SAMPLE_BATCH =
  '[{"eventId":3816279340,"subscriptionId":25,"portalId":62515,"appId":54321,"occurredAt":1764000000000,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":9001,"propertyName":"dealstage","propertyValue":"closedwon","changeSource":"CRM_UI","sourceId":"userId:529872"},{"eventId":3816279480,"subscriptionId":22,"portalId":62515,"appId":54321,"occurredAt":1764000000500,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":1246978,"changeFlag":"NEW","changeSource":"CRM"}]';

describe('signatures against the official vectors (reference §10.5)', () => {
  it('when the §12.1 sample batch is signed, v1, v2 and v3 match the reference values', () => {
    const url = 'https://example.com/hubspot/webhooks';
    expect(signV1(SECRET, SAMPLE_BATCH)).toBe('7101d459f3153d479f989e7679acb3d5be15c87964f5b294cc193bce75317bbb');
    expect(signV2(SECRET, 'POST', url, SAMPLE_BATCH)).toBe(
      '34cb720c08470dbae4260681b01b9b4beffea28f395777c336fca63496e83893',
    );
    expect(signV3(SECRET, 'POST', url, SAMPLE_BATCH, 1764000001000)).toBe(
      'fNu/X56IIIbbU9PFKOWvRzcGQaKOj2KOQBCD4QVAKI0=',
    );
  });

  it('when the v1 webhook test body is signed, it matches HubSpot’s vector #1', () => {
    const body =
      '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
    expect(signV1(SECRET, body)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
  });

  it('when v2 GET and POST are signed, they match vectors #2 and #3', () => {
    expect(signV2(SECRET, 'GET', URI, '')).toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
    expect(signV2(SECRET, 'POST', URI, '{"example_field":"example_value"}')).toBe(
      '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
    );
  });

  it('when v3 is signed, it matches vector #6 and the millisecond-timestamp vectors', () => {
    expect(signV3(SECRET, 'POST', URI, "{'example_field':'example_value'}", 15000000)).toBe(
      'HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=',
    );
    expect(signV3(SECRET, 'POST', URI, '{"example_field":"example_value"}', 1700000000000)).toBe(
      'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
    );
  });
});

function events(n: number): WebhookEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    eventId: 1000 + i,
    subscriptionId: 25,
    portalId: 62515,
    appId: 54321,
    occurredAt: 1764000000000 + i,
    subscriptionType: 'deal.propertyChange',
    objectId: 9000 + i,
    propertyName: 'dealstage',
    propertyValue: 'closedwon',
    changeSource: 'CRM_UI',
  }));
}

describe('deliverWebhooks', () => {
  it('when 150 events are delivered, they arrive in two batches under 100, signed v1 and v3', async () => {
    const s = await target();
    const url = `${s.url}/hubspot/webhooks`;
    const reports = await deliverWebhooks({ targetUrl: url, clientSecret: SECRET, events: events(150) });
    expect(reports.map((r) => r.delivered)).toEqual([true, true]);
    expect(s.received.map((r) => JSON.parse(r.body).length)).toEqual([99, 51]);
    for (const req of s.received) {
      expect(req.headers['x-hubspot-signature-version']).toBe('v1');
      expect(req.headers['x-hubspot-request-timestamp']).toMatch(/^\d{13}$/);
      expect(sdkValid(req, 'v1', url)).toBe(true);
      expect(sdkValid(req, 'v3', url)).toBe(true);
    }
    const first = JSON.parse(s.received[0]!.body)[0];
    expect(first).toMatchObject({
      eventId: 1000,
      subscriptionType: 'deal.propertyChange',
      attemptNumber: 0,
      propertyValue: 'closedwon',
    });
  });

  it('when the target answers 500 twice, the batch is retried with a growing attemptNumber and growing delays', async () => {
    const s = await target((_req, i) => ({ status: i < 2 ? 500 : 204 }));
    const delays: number[] = [];
    const [report] = await deliverWebhooks({
      targetUrl: s.url,
      clientSecret: SECRET,
      events: events(2),
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    expect(report!.delivered).toBe(true);
    expect(s.received.map((r) => JSON.parse(r.body)[0].attemptNumber)).toEqual([0, 1, 2]);
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    expect(report!.attempts.map((a) => a.status)).toEqual([500, 500, 204]);
  });

  it('when the target is slower than the timeout, the attempt counts as failed and is retried', async () => {
    const s = await target((_req, i) => ({ status: 200, delayMs: i === 0 ? 400 : 0 }));
    const [report] = await deliverWebhooks({
      targetUrl: s.url,
      clientSecret: SECRET,
      events: events(1),
      timeoutMs: 100,
      sleep: async () => {},
    });
    expect(report!.attempts[0]!.error).toMatch(/^timeout/);
    expect(report!.delivered).toBe(true);
    expect(report!.attempts).toHaveLength(2);
  });

  it('when the target keeps refusing with 4xx, delivery stops after maxAttempts and reports failure', async () => {
    const s = await target(() => ({ status: 400 }));
    const [report] = await deliverWebhooks({
      targetUrl: s.url,
      clientSecret: SECRET,
      events: events(1),
      maxAttempts: 3,
      sleep: async () => {},
    });
    expect(report!.delivered).toBe(false);
    expect(s.received).toHaveLength(3);
  });
});

describe('cardFetch', () => {
  const base = { clientSecret: SECRET, portalId: 62515, userId: 7, userEmail: 'rep@example.com' };

  it('when a card sends a header other than Authorization, the proxy refuses before calling the service', async () => {
    const s = await target();
    const one = await cardFetch({ ...base, url: s.url, headers: { 'X-Custom': '1' } });
    const two = await cardFetch({ ...base, url: s.url, headers: { Authorization: 'Bearer a', 'X-Custom': '1' } });
    expect(one).toMatchObject({ ok: false, status: 400 });
    expect(two).toMatchObject({ ok: false, message: "Only 'Authorization' header is allowed" });
    expect(s.received).toHaveLength(0);
  });

  it('when a card posts a body, the service gets JSON signed v2 and v3 and the card gets the JSON answer', async () => {
    const s = await target(() => ({ status: 200, body: '{"orderId":"o-1"}' }));
    const url = `${s.url}/cards/orders?portalId=62515`;
    const res = await cardFetch({ ...base, url, body: { dealId: '9001' }, headers: { Authorization: 'Bearer t' } });
    expect(res).toMatchObject({ ok: true, status: 200, body: { orderId: 'o-1' } });
    const req = s.received[0]!;
    expect(req.body).toBe('{"dealId":"9001"}');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe('Bearer t');
    expect(req.headers['x-hubspot-signature-version']).toBe('v2');
    expect(sdkValid(req, 'v2', url)).toBe(true);
    expect(sdkValid(req, 'v3', url)).toBe(true);
  });

  it('when the service answers 503, the proxy retries once and then reports BAD_GATEWAY', async () => {
    const s = await target(() => ({ status: 503 }));
    const res = await cardFetch({ ...base, url: s.url, sleep: async () => {} });
    expect(res).toMatchObject({ ok: false, category: 'BAD_GATEWAY', status: 503, attempts: 2 });
    expect(s.received).toHaveLength(2);
  });

  it('when the service answers more than 1 MB, the card gets PAYLOAD_TOO_LARGE', async () => {
    const s = await target(() => ({ status: 200, body: JSON.stringify({ blob: 'x'.repeat(1024 * 1024) }) }));
    const res = await cardFetch({ ...base, url: s.url, method: 'GET' });
    expect(res).toMatchObject({ ok: false, category: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('executeWorkflowAction', () => {
  const opts = {
    clientSecret: SECRET,
    callbackId: 'ap-102670506-56777914962-11-0',
    portalId: 102670506,
    object: { objectId: 614, objectType: 'CONTACT' },
    inputFields: { templateName: 'welcome', phone: '+491701234567' },
  };

  it('when an action runs, the body has the documented shape, is signed v2 (+v3) and the execution state comes back', async () => {
    const s = await target(() => ({
      status: 200,
      body: '{"outputFields":{"messageId":"wamid.X","hs_execution_state":"SUCCESS"}}',
    }));
    const actionUrl = `${s.url}/hubspot/actions/send-whatsapp`;
    const res = await executeWorkflowAction({ ...opts, actionUrl });
    expect(res.executionState).toBe('SUCCESS');
    const req = s.received[0]!;
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({
      callbackId: opts.callbackId,
      origin: { portalId: 102670506 },
      context: { source: 'WORKFLOWS' },
      object: { objectId: 614, objectType: 'CONTACT' },
      inputFields: { templateName: 'welcome' },
    });
    expect(sdkValid(req, 'v2', actionUrl)).toBe(true);
    expect(sdkValid(req, 'v3', actionUrl)).toBe(true);
  });

  it('when v3 is disabled, only the v2 signature is sent', async () => {
    const s = await target(() => ({ status: 200, body: '{"outputFields":{"hs_execution_state":"BLOCK"}}' }));
    const res = await executeWorkflowAction({ ...opts, actionUrl: s.url, signV3: false });
    expect(res.executionState).toBe('BLOCK');
    expect(s.received[0]!.headers['x-hubspot-signature-v3']).toBeUndefined();
    expect(s.received[0]!.headers['x-hubspot-signature']).toBeDefined();
  });

  it('when the service answers 429 with Retry-After in ms, the action waits that long and retries', async () => {
    const s = await target((_r, i) =>
      i === 0
        ? { status: 429, headers: { 'Retry-After': '25' } }
        : { status: 200, body: '{"outputFields":{"hs_execution_state":"SUCCESS"}}' },
    );
    const waits: number[] = [];
    const res = await executeWorkflowAction({ ...opts, actionUrl: s.url, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([25]);
    expect(res).toMatchObject({ status: 200, attempts: 2, executionState: 'SUCCESS' });
  });
});

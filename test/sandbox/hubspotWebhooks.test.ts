import { Signature } from '@hubspot/api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installApp, moveDealToStage, privacyDeleteContact } from '../../sandbox/hubspot/controlPlane.ts';
import { seedDemoPortal } from '../../sandbox/hubspot/seed.ts';
import { configureWebhooks, startWebhookEmitter, type WebhookEmitter } from '../../sandbox/hubspot/webhookEmitter.ts';
import { startCaptureServer } from './support/captureServer.ts';
import { type PlatformWorld, startPlatformWorld } from './support/platformWorld.ts';

const APP_SECRET = 'switchboard-demo-client-secret';

let w: PlatformWorld;
let service: Awaited<ReturnType<typeof startCaptureServer>>;
let emitter: WebhookEmitter;
let seeded: ReturnType<typeof seedDemoPortal>;

beforeEach(async () => {
  w = await startPlatformWorld({ now: () => Date.now() });
  service = await startCaptureServer(() => ({ status: 204 }));
  seeded = seedDemoPortal(w.state);
  emitter = startWebhookEmitter(w.state, { flushDelayMs: 10_000, delivery: { sleep: async () => {} } });
  configureWebhooks(w.state, {
    appId: seeded.client.appId,
    targetUrl: `${service.url}/hubspot/webhooks`,
    clientSecret: APP_SECRET,
    subscriptions: [
      { id: 25, subscriptionType: 'deal.propertyChange', propertyName: 'dealstage', active: true },
      { id: 22, subscriptionType: 'contact.creation', active: true },
      { id: 30, subscriptionType: 'contact.privacyDeletion', active: true },
      { id: 31, subscriptionType: 'object.propertyChange', objectType: 'deal', propertyName: 'amount', active: true },
      { id: 32, subscriptionType: 'deal.creation', active: false },
    ],
  });
});
afterEach(async () => {
  emitter.stop();
  await service.close();
  await w.close();
});

function install(portalId = seeded.portal.id) {
  return installApp(w.state, {
    clientId: seeded.client.clientId,
    portalId,
    scopes: ['oauth', 'crm.objects.contacts.write'],
  });
}

const delivered = () => service.received.flatMap((r) => JSON.parse(r.body) as Record<string, unknown>[]);

describe('webhook emitter', () => {
  it('when a rep moves a deal to Closed Won, the installed app receives a signed deal.propertyChange for dealstage', async () => {
    install();
    const dealId = seeded.dealIds.contractsent!;
    moveDealToStage(w.state, seeded.portal.id, dealId, 'closedwon');
    await emitter.flush();
    expect(delivered()).toEqual([
      expect.objectContaining({
        subscriptionId: 25,
        subscriptionType: 'deal.propertyChange',
        portalId: seeded.portal.id,
        appId: seeded.client.appId,
        objectId: Number(dealId),
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
        changeSource: 'CRM_UI',
        attemptNumber: 0,
      }),
    ]);
    const req = service.received[0]!;
    const valid = Signature.isValid({
      signatureVersion: 'v3',
      signature: String(req.headers['x-hubspot-signature-v3']),
      clientSecret: APP_SECRET,
      requestBody: req.body,
      url: `${service.url}/hubspot/webhooks`,
      method: 'POST',
      timestamp: Number(req.headers['x-hubspot-request-timestamp']),
    });
    expect(valid).toBe(true);
  });

  it('when a deal amount changes through the API, only the generic amount subscription fires, with objectTypeId', async () => {
    install();
    const token = w.privateToken(seeded.portal.id, ['crm.objects.deals.write', 'crm.objects.deals.read']);
    const dealId = seeded.dealIds.qualifiedtobuy!;
    await w.sdk(token).crm.deals.basicApi.update(dealId, { properties: { amount: '999' } });
    await emitter.flush();
    expect(delivered()).toEqual([
      expect.objectContaining({
        subscriptionId: 31,
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-3',
        objectId: Number(dealId),
        propertyName: 'amount',
        propertyValue: '999',
      }),
    ]);
  });

  it('when the app is not installed in the portal, its changes are not sent', async () => {
    moveDealToStage(w.state, seeded.portal.id, seeded.dealIds.contractsent!, 'closedwon');
    await emitter.flush();
    expect(service.received).toHaveLength(0);
  });

  it('when a contact and a deal are created through the API, contact.creation arrives (changeFlag NEW) and the inactive deal.creation does not', async () => {
    install();
    const token = w.privateToken(seeded.portal.id, ['crm.objects.contacts.write', 'crm.objects.contacts.read']);
    const contact = await w
      .sdk(token)
      .crm.contacts.basicApi.create({ properties: { email: 'new@example.com' }, associations: [] });
    // deal.creation is subscribed but inactive: creating a deal must not be delivered.
    const dealToken = w.privateToken(seeded.portal.id, ['crm.objects.deals.write']);
    await w.sdk(dealToken).crm.deals.basicApi.create({
      properties: { dealname: 'Inactive sub', dealstage: 'appointmentscheduled', pipeline: 'default' },
      associations: [],
    });
    await emitter.flush();
    const types = delivered().map((e) => e.subscriptionType);
    expect(types).not.toContain('deal.creation');
    // The CRM store also reports initial values as propertyChange [U], so the new deal's dealstage may arrive.
    expect(types.filter((t) => t !== 'deal.propertyChange')).toEqual(['contact.creation']);
    expect(delivered()[0]).toMatchObject({ objectId: Number(contact.id), changeFlag: 'NEW', subscriptionId: 22 });
  });

  it('when a contact is deleted for privacy, the app hears contact.privacyDeletion', async () => {
    install();
    privacyDeleteContact(w.state, seeded.portal.id, seeded.contactIds[0]!);
    await emitter.flush();
    expect(delivered().map((e) => e.subscriptionType)).toEqual(['contact.privacyDeletion']);
  });

  it('when changes arrive without a flush, the short timer sends them in one batch', async () => {
    install();
    emitter = startWebhookEmitter(w.state, { flushDelayMs: 20 });
    moveDealToStage(w.state, seeded.portal.id, seeded.dealIds.appointmentscheduled!, 'qualifiedtobuy');
    moveDealToStage(w.state, seeded.portal.id, seeded.dealIds.qualifiedtobuy!, 'closedwon');
    for (let i = 0; i < 100 && service.received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await emitter.flush();
    expect(service.received).toHaveLength(1);
    expect(delivered().map((e) => e.propertyValue)).toEqual(['qualifiedtobuy', 'closedwon']);
  });

  it('when configured over the control plane, a stage move over HTTP is delivered on flush', async () => {
    install();
    await w.call('PUT', `/_sandbox/apps/${seeded.client.appId}/webhooks`, {
      body: {
        targetUrl: `${service.url}/hubspot/webhooks`,
        clientSecret: APP_SECRET,
        subscriptions: [{ subscriptionType: 'deal.propertyChange', propertyName: 'dealstage' }],
      },
    });
    const moved = await w.call(
      'POST',
      `/_sandbox/portals/${seeded.portal.id}/deals/${seeded.dealIds.contractsent}/stage`,
      {
        body: { stageId: 'closedwon' },
      },
    );
    expect(moved.status).toBe(200);
    const flushed = await w.call('POST', '/_sandbox/webhooks/flush');
    expect(flushed.body[0].delivered).toBe(true);
    expect(delivered()[0]).toMatchObject({ subscriptionId: 1, propertyValue: 'closedwon' });
    const badStage = await w.call(
      'POST',
      `/_sandbox/portals/${seeded.portal.id}/deals/${seeded.dealIds.closedwon}/stage`,
      {
        body: { stageId: 'nope' },
      },
    );
    expect(badStage.status).toBe(400);
  });
});

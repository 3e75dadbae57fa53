import { cardFetch, type CardFetchResult } from '../../../sandbox/hubspot/caller/index.ts';
import {
  type WorkflowActionResult,
  executeWorkflowAction,
} from '../../../sandbox/hubspot/caller/executeWorkflowAction.ts';
import { readCallLog } from '../../../sandbox/hubspot/controlPlane.ts';
import { freePort } from '../../../sandbox/listen.ts';
import { declareAppEvents } from '../../../sandbox/hubspot/projectUpload.ts';
import { type SeededPortal, seedDemoPortal } from '../../../sandbox/hubspot/seed.ts';
import { createHubspotSandbox, type HubspotSandbox } from '../../../sandbox/hubspot/server.ts';
import {
  createWhatsAppSandbox,
  DEMO,
  type DemoWhatsApp,
  seedDemoWhatsApp,
  subscribeWebhook,
  type WhatsAppSandbox,
} from '../../../sandbox/whatsapp/index.ts';
import { startService } from '../../../server/main.ts';
import { e2eServiceConfig } from '../../support/e2eConfig.ts';
import { type AdminResponse, adminClient, type Json } from '../../connections/support/adminClient.ts';
import { installOverHttp } from '../../connections/support/installFlow.ts';

export const ADMIN_TOKEN = 'operator-token-whatsapp-0123456789-abcdef';
export const APP_SECRET = 'e2e-meta-app-secret';
export const VERIFY_TOKEN = 'e2e-verify-token';

export interface WhatsAppWorld {
  hubspot: HubspotSandbox;
  whatsapp: WhatsAppSandbox;
  seeded: SeededPortal;
  demo: DemoWhatsApp;
  portalId: number;
  url: string;
  service: Awaited<ReturnType<typeof startService>>;
  admin(method: string, path: string, body?: unknown): Promise<AdminResponse>;
  /** The card's hubspot.fetch through the sandbox's model of HubSpot's signing proxy. */
  card(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<CardFetchResult>;
  /** HubSpot running the *Send WhatsApp message* action for a contact. */
  runAction(callbackId: string, contactId: string, inputFields: Record<string, unknown>): Promise<WorkflowActionResult>;
  /** Messages the WhatsApp sandbox accepted (Graph POST …/messages bodies). */
  sentBodies(): Json[];
  hubspotCalls(since?: number): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

/**
 * The real service (startService: app + worker + gateway + WhatsApp on a SQLite file) between the HubSpot sandbox and
 * the WhatsApp sandbox, both over HTTP. The demo portal is installed through OAuth; its WhatsApp account is the
 * sandbox's demo business, connected with the sandbox app's secret, and Meta's webhook points at the service after
 * the GET handshake.
 */
export async function startWhatsAppWorld(
  o: { autoDeliver?: boolean; now?: () => number; campaignSweepMs?: number } = {},
): Promise<WhatsAppWorld> {
  const hubspot = createHubspotSandbox();
  const hs = await hubspot.listen();
  const whatsapp = createWhatsAppSandbox({
    appSecret: APP_SECRET,
    autoDeliver: o.autoDeliver ?? false,
    ...(o.now ? { now: o.now } : {}),
  });
  const wa = await whatsapp.listen();
  const demo = seedDemoWhatsApp(whatsapp.state);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const seeded = seedDemoPortal(hubspot.state, { redirectUrls: [`${url}/oauth/callback`] });
  declareAppEvents([seeded.portal]);
  const config = e2eServiceConfig({
    port,
    hubspotUrl: hs.url,
    seeded,
    adminToken: ADMIN_TOKEN,
    extra: { WHATSAPP_GRAPH_BASE_URL: wa.url },
  });
  const service = await startService(config, {
    worker: { pollIntervalMs: 20, concurrency: 4 },
    ...(o.now || o.campaignSweepMs ? { whatsapp: { now: o.now, campaignSweepMs: o.campaignSweepMs } } : {}),
  });
  const portalId = seeded.portal.id;
  const installed = await installOverHttp(url, portalId);
  if (installed.status !== 200) throw new Error(`install failed: ${installed.page}`);
  const admin = adminClient(url, { bearer: ADMIN_TOKEN });
  await connectDemoAccount(admin, portalId);
  const handshake = await subscribeWebhook(whatsapp.state, {
    url: `${url}/webhooks/whatsapp/${portalId}`,
    verifyToken: VERIFY_TOKEN,
  });
  if (!handshake.ok) throw new Error(`webhook handshake failed: ${handshake.reason}`);

  return {
    hubspot,
    whatsapp,
    seeded,
    demo,
    portalId,
    url,
    service,
    admin,
    card: (method, path, body) =>
      cardFetch({
        url: `${url}${path}`,
        method,
        body,
        clientSecret: seeded.client.clientSecret,
        portalId,
        userId: 7,
        userEmail: 'alice.rep@acme-distribution.example.com',
      }),
    runAction: (callbackId, contactId, inputFields) =>
      executeWorkflowAction({
        actionUrl: `${url}/actions/send-whatsapp`,
        clientSecret: seeded.client.clientSecret,
        callbackId,
        portalId,
        object: { objectId: Number(contactId), objectType: 'CONTACT' },
        inputFields,
      }),
    sentBodies: () => whatsapp.state.sent.map((m) => m.body),
    hubspotCalls: (since = 0) => readCallLog(hubspot.state, { portalId, since }),
    async close() {
      await service.stop();
      whatsapp.close();
      await wa.close();
      await hs.close();
    },
  };
}

/** The demo business as the portal's WhatsApp account, connected through the admin API as the settings page does. */
async function connectDemoAccount(admin: WhatsAppWorld['admin'], portalId: number): Promise<void> {
  const base = `/admin/portals/${portalId}/whatsapp`;
  const account = await admin('PUT', `${base}/account`, {
    businessAccountId: DEMO.wabaId,
    numbers: [{ phoneNumberId: DEMO.phoneNumberId, displayNumber: DEMO.displayPhoneNumber }],
    accessToken: DEMO.token,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
  });
  if (account.status !== 200) throw new Error(`WhatsApp account: ${JSON.stringify(account.body)}`);
  const settings = await admin('PATCH', `${base}/settings`, {
    defaultCountry: 'DE',
    businessHours: {
      timeZone: 'Europe/Berlin',
      windows: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })),
    },
  });
  if (settings.status !== 200) throw new Error(`WhatsApp settings: ${JSON.stringify(settings.body)}`);
}

export { eventually } from '../../support/eventually.ts';

export const ok = (r: CardFetchResult): Json => {
  if (!r.ok) throw new Error(`card request failed: ${r.category} ${r.status} ${r.message}`);
  return r.body;
};

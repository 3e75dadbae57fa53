import { cardFetch } from '../../sandbox/hubspot/caller/cardFetch.ts';
import { executeWorkflowAction } from '../../sandbox/hubspot/caller/executeWorkflowAction.ts';
import { readCallbacks, readRecords, readTimeline } from '../../sandbox/hubspot/controlPlane.ts';
import { DEFAULT_OPTIONS, subscribeWebhook } from '../../sandbox/whatsapp/index.ts';
import type { DemoContext, DemoScenario } from './context.ts';
import { type Json, settingsPageRequest } from './settingsPage.ts';

const VERIFY_TOKEN = 'demo-verify-token';

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not happen within 15 s`);
}

/** The settings page's WhatsApp request (signed by HubSpot); a refusal stops the scenario with HubSpot's reason. */
async function settingsPage(ctx: DemoContext, method: string, path: string, body?: unknown): Promise<Json> {
  const answer = await settingsPageRequest(ctx, method, `/admin/portals/${ctx.portalId}/whatsapp${path}`, body);
  if (!answer.ok) throw new Error(`${method} ${path} → ${answer.status}: ${answer.body.error?.message}`);
  return answer.body;
}

/** The WhatsApp card's hubspot.fetch, signed by the sandbox's model of HubSpot's proxy. */
async function card(ctx: DemoContext, method: 'GET' | 'POST', path: string, body?: Record<string, unknown>) {
  const result = await cardFetch({
    url: `${ctx.service.url}${path}`,
    method,
    ...(body ? { body } : {}),
    clientSecret: ctx.sandboxes.demoPortal!.client.clientSecret,
    portalId: ctx.portalId,
    userId: 7,
    userEmail: 'alice.rep@acme-distribution.example.com',
  });
  if (!result.ok) throw new Error(`card ${method} ${path} → ${result.status}: ${result.message}`);
  return result.body as Json;
}

/** The admin connects the demo business, Meta verifies the webhook URL, templates are synced and mapped. */
async function connect(ctx: DemoContext): Promise<void> {
  const demo = ctx.sandboxes.demoWhatsApp;
  const account = await settingsPage(ctx, 'PUT', '/account', {
    businessAccountId: demo.wabaId,
    numbers: [{ phoneNumberId: demo.phoneNumberId, displayNumber: demo.displayPhoneNumber, label: 'Support' }],
    accessToken: demo.token,
    appSecret: DEFAULT_OPTIONS.appSecret,
    verifyToken: VERIFY_TOKEN,
  });
  await settingsPage(ctx, 'PATCH', '/settings', {
    defaultCountry: 'DE',
    businessHours: {
      timeZone: 'Europe/Berlin',
      windows: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '23:59' })),
    },
  });
  ctx.say(`  settings page → WhatsApp business ${demo.wabaId} connected; secrets sealed in the vault`);
  const handshake = await subscribeWebhook(ctx.sandboxes.whatsapp.state, {
    url: account.webhook.callbackUrl,
    verifyToken: VERIFY_TOKEN,
  });
  ctx.say(`  Meta verifies ${account.webhook.callbackUrl} → ${handshake.ok ? 'handshake passed' : handshake.reason}`);
  const sync = await settingsPage(ctx, 'POST', '/templates/sync');
  ctx.say(`  templates synced: ${sync.added} added (${sync.total} in the account)`);
  await settingsPage(ctx, 'PUT', '/templates/order_update/en_US/mapping', {
    mapping: [
      { position: 1, source: { from: 'contact', property: 'firstname' }, fallback: 'there' },
      { position: 2, source: { from: 'static', text: 'SO-1001' } },
    ],
  });
  ctx.say('  order_update mapped: {{1}} ← contact first name (fallback "there"), {{2}} ← "SO-1001"');
}

/** A rep records consent on Anna's card, previews and sends the template; statuses come back by webhook. */
async function sendFromCard(ctx: DemoContext, contactId: string): Promise<Json> {
  const base = { portalId: ctx.portalId, contactId };
  await card(ctx, 'POST', '/api/cards/whatsapp/consent', {
    ...base,
    category: 'utility',
    granted: true,
    source: 'verbal, call on 2026-03-02',
  });
  const template = { templateName: 'order_update', language: 'en_US' };
  const preview = await card(ctx, 'POST', '/api/cards/whatsapp/preview', { ...base, ...template });
  ctx.say(`  card preview: "${preview.text}"`);
  const sent = await card(ctx, 'POST', '/api/cards/whatsapp/send', {
    ...base,
    ...template,
    kind: 'template',
    requestId: 'demo-click-0001',
  });
  ctx.say(`  card send → ${sent.message.status} (message ${sent.message.id})`);
  const view = await until('delivery and read receipts', async () => {
    const v = await card(ctx, 'GET', `/api/cards/whatsapp?portalId=${ctx.portalId}&contactId=${contactId}`);
    return v.messages.some((m: Json) => m.status === 'read') ? v : undefined;
  });
  ctx.say(`  card shows: ${view.messages.map((m: Json) => `${m.direction} ${m.status ?? ''} "${m.text}"`).join('; ')}`);
  return view;
}

function showHubspot(ctx: DemoContext, contactId: string): void {
  const state = ctx.sandboxes.hubspot.state;
  const events = readTimeline(state, ctx.portalId).filter(
    (e) => e.objectId === contactId && e.eventTypeName.startsWith('whatsapp'),
  );
  for (const e of events) ctx.say(`  timeline ${e.eventTypeName}: ${JSON.stringify(e.properties)}`);
  const c = readRecords(state, ctx.portalId, 'contacts').find((r) => r.id === contactId)!.properties;
  ctx.say(
    `  contact properties: last message ${c.whatsapp_last_message_status} at ${c.whatsapp_last_message_at}, response ${c.whatsapp_response_status}, opt-in ${c.whatsapp_opt_in_status ?? '—'}`,
  );
}

/**
 * WhatsApp end to end: the admin connects the business, a rep sends a mapped template from the contact card,
 * delivery/read statuses and the timeline follow; the contact writes STOP and is opted out with a confirmation;
 * a workflow runs *Send WhatsApp message* and waits until the message is delivered.
 */
export const whatsappMessageScenario: DemoScenario = {
  title: 'WhatsApp: connect, send from the contact card, statuses, STOP, workflow action (messaging)',
  async run(ctx) {
    await connect(ctx);
    const [annaId, jonasId] = ctx.sandboxes.demoPortal!.contactIds;
    await sendFromCard(ctx, annaId!);
    const anna = readRecords(ctx.sandboxes.hubspot.state, ctx.portalId, 'contacts').find((r) => r.id === annaId)!;
    ctx.sandboxes.whatsapp.sendInbound({ from: String(anna.properties.mobilephone), text: 'STOP' });
    const confirmation = await until('the opt-out confirmation', () =>
      ctx.sandboxes.whatsapp.state.sent.find((m) => m.type === 'text'),
    );
    ctx.say(`  Anna writes STOP → opted out; confirmation sent: "${confirmation.text}"`);
    await until('the opt-out on the contact', () => {
      const c = readRecords(ctx.sandboxes.hubspot.state, ctx.portalId, 'contacts').find((r) => r.id === annaId)!;
      return c.properties.whatsapp_opt_in_status === 'opted_out' ? true : undefined;
    });
    showHubspot(ctx, annaId!);

    await card(ctx, 'POST', '/api/cards/whatsapp/consent', {
      portalId: ctx.portalId,
      contactId: jonasId!,
      category: 'utility',
      granted: true,
      source: 'signed order form',
    });
    const run = await executeWorkflowAction({
      actionUrl: `${ctx.service.url}/actions/send-whatsapp`,
      clientSecret: ctx.sandboxes.demoPortal!.client.clientSecret,
      callbackId: 'demo-workflow-callback-1',
      portalId: ctx.portalId,
      object: { objectId: Number(jonasId), objectType: 'CONTACT' },
      inputFields: { templateName: 'order_update', waitForStatus: 'delivered' },
    });
    ctx.say(`  workflow action "Send WhatsApp message" for Jonas → ${run.executionState} (waits for delivery)`);
    const done = await until('the workflow callback', () =>
      readCallbacks(ctx.sandboxes.hubspot.state, ctx.portalId).find((c) => c.callbackId === 'demo-workflow-callback-1'),
    );
    ctx.say(`  callback completed: ${JSON.stringify(done.outputFields)}`);
  },
};

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWhatsAppSandbox, DEMO, seedDemoWhatsApp, type WhatsAppSandbox } from '../../sandbox/whatsapp/index.ts';
import { startReceiver, VERIFY_TOKEN, type Receiver } from './whatsapp.helpers.ts';

type TemplateItem = {
  name: string;
  language: string;
  status: string;
  category: string;
  id: string;
  components: { type: string; text?: string }[];
};
type Page = { data: TemplateItem[]; paging?: { cursors: { before: string; after: string }; next?: string } };
/** The fields these tests read from Graph and control-plane replies. */
interface Reply extends Partial<Page> {
  error?: { code: number; error_subcode?: number };
  messages?: { id: string }[];
  token?: string;
  id?: string;
  now?: number;
  ok?: boolean;
  message?: string;
}

let sandbox: WhatsAppSandbox;
let server: { url: string; close(): Promise<void> };
beforeEach(async () => {
  sandbox = createWhatsAppSandbox({ autoDeliver: false });
  server = await sandbox.listen();
});
afterEach(async () => {
  sandbox.close();
  await server.close();
});

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Reply };
}

describe('WhatsApp sandbox: demo seed and template sync', () => {
  it('seeds a demo WABA, number and approved templates plus one pending, idempotently', () => {
    const demo = seedDemoWhatsApp(sandbox.state);
    expect(seedDemoWhatsApp(sandbox.state)).toEqual(demo);
    const byName = Object.fromEntries(demo.templates.filter((t) => t.language === 'en_US').map((t) => [t.name, t]));
    expect(byName.order_update).toMatchObject({ category: 'UTILITY', status: 'APPROVED', parameters: 2 });
    expect(byName.welcome).toMatchObject({ category: 'MARKETING', status: 'APPROVED', parameters: 1 });
    expect(byName.payment_reminder).toMatchObject({ category: 'UTILITY', status: 'APPROVED', parameters: 3 });
    expect(demo.templates.filter((t) => t.status === 'PENDING')).toHaveLength(1);
    expect(sandbox.state.phoneNumbers.get(DEMO.phoneNumberId)?.throughputPerSecond).toBe(80);
  });

  it('lists templates like GET /{version}/{waba-id}/message_templates, with filters', async () => {
    seedDemoWhatsApp(sandbox.state);
    const all = await call('GET', `/v23.0/${DEMO.wabaId}/message_templates`, undefined, DEMO.token);
    expect(all.status).toBe(200);
    const page = all.body as Page;
    expect(page.data).toHaveLength(5);
    // Item fields as in the OAS example of getTemplateByNameDefaultFields.
    for (const t of page.data)
      expect(Object.keys(t).sort()).toEqual(['category', 'components', 'id', 'language', 'name', 'status']);
    const welcome = page.data.find((t) => t.name === 'welcome')!;
    expect(welcome.components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'BUTTONS']);
    const approved = (
      await call('GET', `/v23.0/${DEMO.wabaId}/message_templates?status=approved`, undefined, DEMO.token)
    ).body as Page;
    expect(approved.data.map((t) => t.name)).not.toContain('spring_sale');
    const named = (
      await call('GET', `/v23.0/${DEMO.wabaId}/message_templates?name=order_update`, undefined, DEMO.token)
    ).body as Page;
    expect(named.data.map((t) => t.language).sort()).toEqual(['en_US', 'es']);
  });

  it('pages with cursors and a next link until the last page', async () => {
    seedDemoWhatsApp(sandbox.state);
    const seen: string[] = [];
    let url: string | undefined = `${server.url}/v23.0/${DEMO.wabaId}/message_templates?limit=2`;
    let pages = 0;
    while (url) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${DEMO.token}` } });
      const page = (await res.json()) as Page;
      seen.push(...page.data.map((t) => `${t.name}/${t.language}`));
      expect(page.paging?.cursors.after).toEqual(expect.any(String));
      url = page.paging?.next;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });

  it('refuses without a token (190) and with a token of another WABA (100/33)', async () => {
    seedDemoWhatsApp(sandbox.state);
    expect((await call('GET', `/v23.0/${DEMO.wabaId}/message_templates`)).body.error).toMatchObject({ code: 190 });
    const other = await call('POST', '/_sandbox/wabas', { id: '777' });
    expect(other.status).toBe(201);
    const token = (await call('POST', '/_sandbox/wabas/777/tokens', {})).body.token;
    const res = await call('GET', `/v23.0/${DEMO.wabaId}/message_templates`, undefined, token);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe('WhatsApp sandbox: /_sandbox control plane', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  it('sets up a business over HTTP, sends through Graph, and shows messages, webhooks and calls', async () => {
    expect((await call('POST', '/_sandbox/wabas', { id: '500' })).status).toBe(201);
    expect(
      (await call('POST', '/_sandbox/wabas/500/phone-numbers', { id: '501', displayPhoneNumber: '+1 555 000 1111' }))
        .body,
    ).toMatchObject({ displayPhoneNumber: '15550001111', throughputPerSecond: 80 });
    const token = (await call('POST', '/_sandbox/wabas/500/tokens', {})).body.token;
    expect(
      (
        await call('POST', '/_sandbox/wabas/500/templates', {
          name: 'hello',
          language: 'en',
          category: 'UTILITY',
          status: 'PENDING',
          body: 'Hi {{1}}',
        })
      ).status,
    ).toBe(201);
    expect(
      (await call('POST', '/_sandbox/wabas/500/templates/hello/en/status', { status: 'APPROVED' })).body,
    ).toMatchObject({ status: 'APPROVED' });
    const hook = await call('POST', '/_sandbox/webhook', {
      url: receiver.url,
      verifyToken: VERIFY_TOKEN,
      handshake: true,
    });
    expect(hook.body).toMatchObject({ ok: true });
    expect((await call('PUT', '/_sandbox/recipients/+447700900123', { scenario: { kind: 'no_read' } })).status).toBe(
      200,
    );
    const template = {
      name: 'hello',
      language: { code: 'en' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }] }],
    };
    const sent = await call(
      'POST',
      '/v23.0/501/messages',
      { messaging_product: 'whatsapp', to: '+447700900123', type: 'template', template },
      token,
    );
    expect(sent.status).toBe(200);
    const messages = (await call('GET', '/_sandbox/messages?to=447700900123')).body as unknown as {
      id: string;
      template: { bodyParameters: string[] };
    }[];
    expect(messages.map((m) => [m.id, m.template.bodyParameters])).toEqual([[sent.body.messages![0]!.id, ['Ada']]]);
    expect((await call('POST', '/_sandbox/webhooks/flush')).body).toMatchObject({ delivered: 2 });
    expect(receiver.statuses().map((s) => s.status)).toEqual(['sent', 'delivered']);
    const inbound = await call('POST', '/_sandbox/inbound', {
      phoneNumberId: '501',
      from: '+447700900123',
      text: 'thanks',
    });
    expect(inbound.body.id).toMatch(/^wamid\./);
    const hooks = (await call('GET', '/_sandbox/webhooks')).body as unknown as { kind: string; state: string }[];
    expect(hooks.map((h) => [h.kind, h.state])).toEqual([
      ['status', 'delivered'],
      ['status', 'delivered'],
      ['inbound', 'pending'],
    ]);
    const calls = (await call('GET', '/_sandbox/calls')).body as unknown as { path: string; status: number }[];
    expect(calls.filter((c) => c.path === '/v23.0/501/messages').map((c) => c.status)).toEqual([200]);
  });

  it('moves the clock and rejects bad control input with a message naming the field', async () => {
    const clock = await call('POST', '/_sandbox/clock', { now: 1_750_000_000_000 });
    expect(clock.body.now).toBeGreaterThanOrEqual(1_750_000_000_000);
    expect((await call('POST', '/_sandbox/clock', { advanceMs: 60_000 })).body.now).toBeGreaterThanOrEqual(
      1_750_000_060_000,
    );
    const bad = await call('POST', '/_sandbox/wabas/500/phone-numbers', { id: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/displayPhoneNumber/);
    const badHook = await call('POST', '/_sandbox/webhook', {
      url: receiver.url,
      verifyToken: 'wrong',
      handshake: true,
    });
    expect(badHook.status).toBe(409);
  });
});

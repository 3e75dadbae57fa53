import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTemplate } from '../../sandbox/whatsapp/index.ts';
import { EXAMPLES_DIR, fixture, fixtureText, IDS, startWorld, textBody, type World } from './whatsapp.helpers.ts';

const USER = '+16505551234';

/**
 * Meta's request examples use placeholders ("{{Recipient-Phone-Number}}", "template-name",
 * "language-and-locale-code", "http(s)://the-image-url"). Those are filled in, nothing else is touched.
 */
function fillPlaceholders(file: string, templateName: string): Record<string, unknown> {
  const text = fixtureText(file)
    .replaceAll('{{Recipient-Phone-Number}}', USER)
    .replaceAll('"template-name"', `"${templateName}"`)
    .replaceAll('language-and-locale-code', 'en_US')
    .replaceAll('http(s)://the-image-url', 'https://example.com/header.jpg');
  return JSON.parse(text) as Record<string, unknown>;
}

describe('WhatsApp sandbox: POST /{version}/{phone-number-id}/messages', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
    const waba = IDS.waba;
    // The template examples send 3 body parameters (text, currency, date_time); the media one adds an image header.
    addTemplate(world.sandbox.state, waba, {
      name: 'shipping_text',
      language: 'en_US',
      category: 'UTILITY',
      body: 'A {{1}} B {{2}} C {{3}}',
    });
    addTemplate(world.sandbox.state, waba, {
      name: 'shipping_media',
      language: 'en_US',
      category: 'UTILITY',
      header: { format: 'IMAGE' },
      body: 'A {{1}} B {{2}} C {{3}}',
    });
    world.sandbox.sendInbound({ from: USER, text: 'hi' }); // open the window so free-form examples are deliverable
  });
  afterEach(() => world.close());

  const requestExamples = readdirSync(EXAMPLES_DIR).filter((f) => /^request-.*\.json$/.test(f));

  it('has the five request examples to replay', () => {
    expect(requestExamples).toHaveLength(5);
  });

  it.each(requestExamples)('accepts Meta example %s and records it', async (file) => {
    const body = fillPlaceholders(file, file.includes('media') ? 'shipping_media' : 'shipping_text');
    const res = await world.send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const sent = world.sandbox.state.sent.at(-1)!;
    expect(res.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: USER, wa_id: '16505551234' }],
      messages: [{ id: sent.id }],
    });
    expect(sent).toMatchObject({ to: USER, waId: '16505551234', type: body.type });
    if (body.type === 'template') {
      expect(sent.template).toMatchObject({
        language: 'en_US',
        bodyParameters: ['text-string', '$100.99', 'February 25, 1977'],
      });
    }
    if (body.type === 'text') expect(sent.text).toBe((body.text as { body: string }).body);
  });

  it('answers in the shape of the success example', async () => {
    const res = await world.send(textBody(USER, 'hello'));
    const example = fixture<{ contacts: unknown[]; messages: unknown[] }>('response-send-success.json');
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(example).sort());
    expect(res.body.contacts).toEqual(example.contacts); // same input (+16505551234) → same wa_id
    expect(res.body.messages![0]!.id).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
  });

  const base = { messaging_product: 'whatsapp', to: USER };
  const malformed: [string, unknown, RegExp][] = [
    ['missing to', { messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } }, /parameter to is required/],
    ['wrong type', { ...base, type: 'txt', text: { body: 'x' } }, /parameter type must be one of: text, /],
    [
      'template without name',
      { ...base, type: 'template', template: { language: { code: 'en_US' } } },
      /template\.name is required/,
    ],
    [
      'template without language code',
      { ...base, type: 'template', template: { name: 'welcome', language: {} } },
      /template\.language\.code is required/,
    ],
    [
      'bad messaging_product',
      { ...base, messaging_product: 'sms', type: 'text', text: { body: 'x' } },
      /messaging_product must be "whatsapp"/,
    ],
    ['text without body', { ...base, type: 'text', text: { preview_url: true } }, /text\.body is required/],
    [
      'unknown top-level key',
      { ...base, type: 'text', text: { body: 'x' }, priority: 'high' },
      /priority is not a valid parameter/,
    ],
    [
      'payload under the wrong key',
      { ...base, type: 'text', template: { name: 'welcome', language: { code: 'en_US' } } },
      /parameter text is required/,
    ],
    [
      'image with both id and link',
      { ...base, type: 'image', image: { id: '1', link: 'https://a.example/b.png' } },
      /image must have exactly one of 'id' or 'link'/,
    ],
    [
      'image link that is not a URL',
      { ...base, type: 'image', image: { link: 'not a url' } },
      /image\.link must match format "url"/,
    ],
    [
      'four reply buttons',
      {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'b' },
          action: { buttons: [1, 2, 3, 4].map((i) => ({ type: 'reply', reply: { id: `b${i}`, title: `B${i}` } })) },
        },
      },
      /interactive\.action\.buttons must NOT have more than 3 items/,
    ],
    [
      'interactive without body',
      {
        ...base,
        type: 'interactive',
        interactive: { type: 'button', action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }] } },
      },
      /interactive\.body is required/,
    ],
    [
      'reaction without emoji',
      { ...base, type: 'reaction', reaction: { message_id: 'wamid.x' } },
      /reaction\.emoji is required/,
    ],
    [
      'to that is not a number',
      { ...base, to: 'alice', type: 'text', text: { body: 'x' } },
      /to \(alice\) is not a valid phone number/,
    ],
    ['body that is an array', [base], /\(request body\) must be object/],
    ['body that is not JSON', '{"messaging_product": "whatsapp",', /not valid JSON/],
  ];

  it.each(malformed)(
    'rejects %s with code 100 naming the problem, and records nothing',
    async (_name, body, details) => {
      const before = world.sandbox.state.sent.length;
      const res = await world.send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 });
      expect(res.body.error!.error_data).toEqual({
        messaging_product: 'whatsapp',
        details: expect.stringMatching(details),
      });
      expect(world.sandbox.state.sent).toHaveLength(before);
      expect(world.sandbox.state.outbox.deliveries.filter((d) => d.kind === 'status')).toHaveLength(0);
    },
  );

  it('treats a body without type as text, as Meta documents (type defaults to "text")', async () => {
    const res = await world.send({ messaging_product: 'whatsapp', to: USER, text: { body: 'no type given' } });
    expect(res.status).toBe(200);
    expect(world.sandbox.state.sent.at(-1)).toMatchObject({ type: 'text', text: 'no type given' });
  });

  it('marks an inbound message as read (read receipt + typing indicator) and rejects unknown ids', async () => {
    const inbound = world.sandbox.sendInbound({ from: USER, text: 'are you there?' });
    const read = {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: inbound.id,
      typing_indicator: { type: 'text' },
    };
    expect(await world.send(read)).toEqual({ status: 200, body: { success: true } });
    expect(world.sandbox.state.inbound.find((m) => m.id === inbound.id)?.readByBusiness).toBe(true);
    const unknown = await world.send({ ...read, message_id: 'wamid.nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe(100);
  });

  it('answers a path without a Graph version ("v23.0") as an unknown object, sending nothing', async () => {
    const res = await fetch(`${world.base}/latest/${IDS.phone}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.token}` },
      body: JSON.stringify(textBody(USER, 'x')),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(100);
    expect(world.sandbox.state.sent).toHaveLength(0);
  });

  it('logs every call with its status and Graph error code', async () => {
    await world.send(textBody(USER, 'ok'));
    await world.send({ messaging_product: 'whatsapp', type: 'text', text: { body: 'x' } });
    const calls = world.sandbox.state.callLog.filter((c) => c.path.endsWith('/messages'));
    expect(calls.map((c) => [c.status, c.errorCode])).toEqual([
      [200, undefined],
      [400, 100],
    ]);
    expect(calls[0]).toMatchObject({ method: 'POST', phoneNumberId: IDS.phone });
  });
});

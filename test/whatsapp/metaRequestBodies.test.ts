import { describe, expect, it } from 'vitest';
import { validateSendBody } from '../../sandbox/whatsapp/index.ts';
import { markReadBody, templateBody, textBody } from '../../src/whatsapp/metaRequestBodies.ts';
import { fixture } from '../sandbox/whatsapp.helpers.ts';

const base = { from: '106540352242922', to: '+16505551234' };

describe("request bodies follow Meta's OpenAPI examples", () => {
  it('free text is exactly the "Send Text Message" example with our values', () => {
    const example = fixture('request-send-text-message.json');
    const ours = textBody({ ...base, body: 'text-message-content' });
    expect(ours).toEqual({ ...example, to: '+16505551234' });
  });

  it('a reply carries context.message_id like the "reply to text" example', () => {
    const example = fixture('request-send-reply-to-text-message.json');
    const ours = textBody({ ...base, body: '<TEXT_MSG_CONTENT>', replyTo: '<MSGID_OF_PREV_MSG>' });
    expect(ours).toEqual({ ...example, to: '+16505551234' });
  });

  it('a template carries positional body parameters of each type, as the "Template Text" example', () => {
    const example = fixture<{ template: { components: unknown[] } }>('request-send-message-template-text.json');
    const ours = templateBody({
      ...base,
      template: {
        name: 'template-name',
        language: 'language-and-locale-code',
        bodyParameters: [
          { type: 'text', text: 'text-string' },
          { type: 'currency', fallback: '$100.99', code: 'USD', amount1000: 100990 },
          { type: 'date_time', fallback: 'February 25, 1977' },
        ],
      },
    }) as { template: { components: { parameters: Record<string, unknown>[] }[] } };
    const [exampleBody] = example.template.components as { parameters: Record<string, unknown>[] }[];
    const params = ours.template.components[0]!.parameters;
    expect(params.slice(0, 2)).toEqual(exampleBody!.parameters.slice(0, 2));
    expect(params[2]).toEqual({ type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } });
  });

  it.each([
    ['text', textBody({ ...base, body: 'hi', correlationId: 'k'.repeat(600) })],
    [
      'template with a quick-reply payload',
      templateBody({
        ...base,
        template: {
          name: 'welcome',
          language: 'en_US',
          bodyParameters: [{ type: 'text', text: 'A' }],
          quickReplyPayloads: [{ index: 0, payload: 'STOP_PROMOS' }],
        },
      }),
    ],
    [
      'template without parameters',
      templateBody({ ...base, template: { name: 'hello_world', language: 'en_US', bodyParameters: [] } }),
    ],
  ])("%s passes Meta's Message schema (v23.0)", (_case, body) => {
    expect(validateSendBody(body)).toMatchObject({ ok: true });
  });

  it('the correlation id is cut to the 512 characters the spec allows', () => {
    const body = textBody({ ...base, body: 'hi', correlationId: 'k'.repeat(600) });
    expect(String(body.biz_opaque_callback_data)).toHaveLength(512);
  });

  it('a read receipt is {messaging_product, status: read, message_id}', () => {
    expect(markReadBody({ from: base.from, providerMessageId: 'wamid.X' })).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.X',
    });
  });
});

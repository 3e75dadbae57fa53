import { describe, expect, it } from 'vitest';
import { checkMetaSignature, signMetaBody } from '../../server/middleware/metaSignature.ts';
import { parseMetaWebhook } from '../../src/whatsapp/metaWebhook.ts';
import type { ProviderEvent } from '../../src/whatsapp/provider.ts';
import { fixtureText } from '../sandbox/whatsapp.helpers.ts';

const SECRET = 'test_app_secret';

/** Verify (X-Hub-Signature-256 over the raw bytes), then parse: the order the webhook route uses. */
function verifiedEvents(raw: Buffer, header: string): ProviderEvent[] {
  const check = checkMetaSignature(raw, header, SECRET);
  if (!check.ok) throw new Error(check.reason);
  const parsed = parseMetaWebhook(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  expect(parsed.webhook.problems).toEqual([]);
  return parsed.webhook.events;
}

const fromFixture = (name: string) => {
  const raw = Buffer.from(fixtureText(name));
  return verifiedEvents(raw, signMetaBody(SECRET, raw));
};

const base = { businessNumberId: '106540352242922' };
const inbound = { ...base, kind: 'inbound', from: '16505551234', profileName: 'Sheena Nelson' };

describe('Meta webhook parsing (verified bodies from the published examples)', () => {
  it('the signature test vector verifies, and its body parses to one delivered status', () => {
    const raw = Buffer.from(fixtureText('signature-vector.body.json'));
    const header = /X-Hub-Signature-256: (\S+)/.exec(fixtureText('signature-vector.txt'))![1]!;
    expect(verifiedEvents(raw, header)).toEqual([
      {
        ...base,
        kind: 'status',
        providerMessageId: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
        status: 'delivered',
        at: new Date(1_750_263_775_000),
        recipientId: '16505551234',
        billable: true,
      },
    ]);
  });

  it('a body changed by one byte no longer verifies', () => {
    const raw = Buffer.from(fixtureText('signature-vector.body.json'));
    const header = /X-Hub-Signature-256: (\S+)/.exec(fixtureText('signature-vector.txt'))![1]!;
    const changed = Buffer.from(raw.toString().replace('delivered', 'read     '));
    expect(checkMetaSignature(changed, header, SECRET).ok).toBe(false);
  });

  it.each([
    ['constructed-webhook-status-sent.json', 'sent', undefined],
    ['constructed-webhook-status-read.json', 'read', undefined],
    ['constructed-webhook-status-failed-131026.json', 'failed', 'undeliverable'],
    ['constructed-webhook-status-failed-131047.json', 'failed', 'outside_window'],
  ])('%s → status %s', (name, status, reason) => {
    const [event] = fromFixture(name);
    expect(event).toMatchObject({ kind: 'status', status });
    expect(event?.kind === 'status' ? event.failure?.reason : undefined).toBe(reason);
  });

  it.each<[string, Record<string, unknown>]>([
    ['webhook-inbound-text-message.json', { content: { type: 'text', text: 'Does it come in another color?' } }],
    [
      'webhook-inbound-button-message.json',
      {
        content: { type: 'button', text: 'Unsubscribe', payload: 'Unsubscribe' },
        replyTo: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA',
      },
    ],
    [
      'webhook-inbound-interactive-button-reply-message.json',
      { content: { type: 'interactive', replyId: 'cancel-button', title: 'Cancel' } },
    ],
    [
      'webhook-inbound-interactive-list-reply-message.json',
      {
        content: {
          type: 'interactive',
          replyId: 'priority_express',
          title: 'Priority Mail Express',
          description: 'Next Day to 2 Days',
        },
      },
    ],
    [
      'webhook-inbound-reaction-message.json',
      {
        content: {
          type: 'reaction',
          emoji: '👍',
          messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA',
        },
      },
    ],
    [
      'webhook-inbound-image-message.json',
      { content: { type: 'image', mediaId: '1003383421387256', mimeType: 'image/jpeg', caption: 'Taj Mahal' } },
    ],
    ['webhook-inbound-unsupported-message.json', { content: { type: 'unsupported', errorCode: '131051' } }],
  ])('%s → inbound event', (name, expected) => {
    const [event] = fromFixture(name);
    expect(event).toMatchObject({ ...inbound, ...expected });
    expect(event?.kind === 'inbound' ? event.at.getUTCFullYear() : 0).toBe(2025);
  });

  it('a system message (number changed) is kept as "other" with its text; it has no contacts block', () => {
    const [event] = fromFixture('webhook-inbound-system-message.json');
    expect(event).toMatchObject({
      kind: 'inbound',
      from: '16505551234',
      content: {
        type: 'other',
        originalType: 'system',
        text: 'User Sheena Nelson changed from 16505551234 to 12195555358',
      },
    });
    expect(event).not.toHaveProperty('profileName');
  });

  it('a batch with several entries and an odd item parses the good ones and names the odd one', () => {
    const status = (id: string, s: string) => ({ id, status: s, timestamp: '1750263775', recipient_id: '1' });
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'w',
          changes: [
            {
              field: 'messages',
              value: { metadata: { phone_number_id: 'p1' }, statuses: [status('a', 'sent'), status('b', 'played')] },
            },
          ],
        },
        { id: 'w', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] },
        {
          id: 'w',
          changes: [
            { field: 'messages', value: { metadata: { phone_number_id: 'p2' }, statuses: [status('c', 'read')] } },
          ],
        },
      ],
    };
    const parsed = parseMetaWebhook(Buffer.from(JSON.stringify(body)));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(
      parsed.webhook.events.map((e) => [e.businessNumberId, e.kind === 'status' ? e.providerMessageId : '']),
    ).toEqual([
      ['p1', 'a'],
      ['p2', 'c'],
    ]);
    expect(parsed.webhook.ignored).toBe(1);
    expect(parsed.webhook.problems).toEqual([
      expect.stringMatching(/^entry\[0\]\.changes\[0\]\.value\.statuses\[1\]: status/),
    ]);
  });

  it('an out-of-band error (value.errors) becomes an error event', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'w',
          changes: [
            {
              field: 'messages',
              value: { metadata: { phone_number_id: 'p1' }, errors: [{ code: 131048, title: 'Spam rate limit hit' }] },
            },
          ],
        },
      ],
    };
    const parsed = parseMetaWebhook(Buffer.from(JSON.stringify(body)));
    expect(parsed.ok && parsed.webhook.events).toEqual([
      {
        kind: 'error',
        businessNumberId: 'p1',
        failure: expect.objectContaining({ reason: 'quality', action: 'pause' }),
      },
    ]);
  });

  it.each([
    ['not JSON', '{"object":'],
    ['another object type', '{"object":"page","entry":[]}'],
    ['entry missing', '{"object":"whatsapp_business_account"}'],
  ])('%s is refused with a reason', (_case, raw) => {
    expect(parseMetaWebhook(Buffer.from(raw))).toMatchObject({ ok: false, reason: expect.any(String) });
  });
});

import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../src/messaging/crmPort.ts';
import { messageIdOf, toAppEventOccurrence } from '../../../src/messaging/hubspot/timelineMapping.ts';
import { checkOccurrence, loadAppEventCatalog } from '../../../src/timeline/appEventCatalog.ts';

const at = new Date('2026-03-02T10:00:00Z');
const event = (o: Partial<TimelineEvent> & Pick<TimelineEvent, 'id' | 'kind' | 'tokens'>): TimelineEvent => ({
  occurredAt: at,
  ...o,
});

// Token sets exactly as src/messaging/crmEffects.ts builds them.
const CASES: [string, TimelineEvent, { eventUid: string; properties: Record<string, string> }][] = [
  [
    'a template sent: the status comes from the kind, not from the message status token',
    event({
      id: 'wa:wamid.A1:sent',
      kind: 'whatsapp_sent',
      tokens: { direction: 'outbound', template: 'order_update', text: 'Your order shipped', status: 'accepted' },
    }),
    {
      eventUid: 'whatsapp_message_status',
      properties: {
        messageId: 'wamid.A1',
        templateName: 'order_update',
        status: 'sent',
        messagePreview: 'Your order shipped',
      },
    },
  ],
  [
    'free text delivered',
    event({
      id: 'wa:wamid.A2:delivered',
      kind: 'whatsapp_delivered',
      tokens: { direction: 'outbound', text: 'See you', status: 'delivered' },
    }),
    {
      eventUid: 'whatsapp_message_status',
      properties: { messageId: 'wamid.A2', templateName: 'message', status: 'delivered', messagePreview: 'See you' },
    },
  ],
  [
    'read',
    event({ id: 'wa:wamid.A3:read', kind: 'whatsapp_read', tokens: { template: 'hello', status: 'read' } }),
    {
      eventUid: 'whatsapp_message_status',
      properties: { messageId: 'wamid.A3', templateName: 'hello', status: 'read' },
    },
  ],
  [
    'failed with a reason',
    event({
      id: 'wa:wamid.A4:failed',
      kind: 'whatsapp_failed',
      tokens: { template: 'hello', status: 'failed', reason: 'Re-engagement message' },
    }),
    {
      eventUid: 'whatsapp_message_status',
      properties: {
        messageId: 'wamid.A4',
        templateName: 'hello',
        status: 'failed',
        failureReason: 'Re-engagement message',
      },
    },
  ],
  [
    'a send refused before the provider accepted it has no WhatsApp message id, and an empty reason is left out',
    event({
      id: 'wa:msg:17:failed',
      kind: 'whatsapp_failed',
      tokens: { template: 'hello', status: 'failed', reason: '' },
    }),
    { eventUid: 'whatsapp_message_status', properties: { templateName: 'hello', status: 'failed' } },
  ],
  [
    'a text reply',
    event({ id: 'wa:wamid.R1:reply', kind: 'whatsapp_reply_received', tokens: { text: 'Yes please', type: 'text' } }),
    { eventUid: 'whatsapp_reply_received', properties: { messageId: 'wamid.R1', text: 'Yes please' } },
  ],
  [
    'a photo without caption says what it was; phone and routing when given',
    event({
      id: 'wa:wamid.R2:reply',
      kind: 'whatsapp_reply_received',
      tokens: { text: '', type: 'image', phone: '+34612345603', routedTo: 'billing' },
    }),
    {
      eventUid: 'whatsapp_reply_received',
      properties: { messageId: 'wamid.R2', phone: '+34612345603', text: '[image]', routedTo: 'billing' },
    },
  ],
  [
    'an opt-out',
    event({ id: 'wa:wamid.R3:opt_out', kind: 'whatsapp_opted_out', tokens: { keyword: 'STOP' } }),
    { eventUid: 'whatsapp_opt_in_changed', properties: { change: 'out', keyword: 'STOP', messageId: 'wamid.R3' } },
  ],
  [
    'an opt-in with a scope token outside the template options drops the scope',
    event({ id: 'wa:wamid.R4:opt_in', kind: 'whatsapp_opted_in', tokens: { keyword: 'START', scope: 'sms' } }),
    { eventUid: 'whatsapp_opt_in_changed', properties: { change: 'in', keyword: 'START', messageId: 'wamid.R4' } },
  ],
];

describe('our timeline events as app-event occurrences', () => {
  const catalog = loadAppEventCatalog();

  it.each(CASES)('%s', (_name, input, expected) => {
    const mapped = toAppEventOccurrence(input);
    expect(mapped).toEqual(expected);
    // Whatever we map must be something the project's template declares (HubSpot answers 400 otherwise).
    expect(() => checkOccurrence(catalog.get(mapped.eventUid)!, mapped.properties)).not.toThrow();
  });

  it('takes an explicit messageId token over the one in the event id', () => {
    expect(
      messageIdOf(event({ id: 'wa:wamid.X:reply', kind: 'whatsapp_reply_received', tokens: { messageId: 'm-1' } })),
    ).toBe('m-1');
  });
});

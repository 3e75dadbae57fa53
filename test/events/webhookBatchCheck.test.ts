import { describe, expect, it } from 'vitest';
import { isWebhookBatch, WebhookBatchSchema } from '../../src/webhooks/index.ts';
import { webhookEvent } from './webhookFixtures.ts';

const valid = () => ({ ...webhookEvent(), attemptNumber: 0 }) as Record<string, unknown>;
const without = (key: string) => {
  const e = valid();
  delete e[key];
  return e;
};

// Every way an event can be accepted or refused by WebhookBatchSchema that the hand-written check must agree on.
const accepted: [string, unknown][] = [
  ['a deal.propertyChange as HubSpot sends it', valid()],
  ['eventType instead of subscriptionType', { ...without('subscriptionType'), eventType: 'deal.creation' }],
  ['both subscriptionType and eventType', { ...valid(), eventType: 'deal.propertyChange' }],
  [
    'a generic object event with objectTypeId',
    { ...valid(), subscriptionType: 'object.creation', objectTypeId: '0-3' },
  ],
  ['a custom object type with a dash', { ...valid(), subscriptionType: 'p_custom-obj.creation' }],
  ['no propertyName (a creation)', { ...without('propertyName'), subscriptionType: 'contact.creation' }],
  ['occurredAt 0 and a negative objectId', { ...valid(), occurredAt: 0, objectId: -1 }],
  ['fields intake does not read, of any shape', { ...valid(), propertyValue: null, extra: { nested: [1] } }],
];
const refused: [string, unknown][] = [
  ['an array', [valid()]],
  ['null', null],
  ['a string', 'deal.creation'],
  ['no eventId', without('eventId')],
  ['an eventId as a string', { ...valid(), eventId: '3816279340' }],
  ['a fractional subscriptionId', { ...valid(), subscriptionId: 25.5 }],
  ['an eventId beyond 2^53', { ...valid(), eventId: 2 ** 53 }],
  ['portalId 0', { ...valid(), portalId: 0 }],
  ['a negative occurredAt', { ...valid(), occurredAt: -1 }],
  ['no objectId', without('objectId')],
  ['neither subscriptionType nor eventType', without('subscriptionType')],
  ['a subscriptionType without an action', { ...valid(), subscriptionType: 'deal' }],
  ['a subscriptionType with two dots', { ...valid(), subscriptionType: 'deal.property.change' }],
  ['a null subscriptionType', { ...valid(), subscriptionType: null }],
  ['an eventType that is not object.action', { ...without('subscriptionType'), eventType: 'deal creation' }],
  ['an empty objectTypeId', { ...valid(), objectTypeId: '' }],
  ['a numeric propertyName', { ...valid(), propertyName: 7 }],
];

describe('the request path checks a webhook batch by hand, exactly as WebhookBatchSchema would', () => {
  it.each(accepted)('accepts %s, as the schema does', (_name, event) => {
    expect(WebhookBatchSchema.safeParse([event]).success).toBe(true);
    expect(isWebhookBatch([valid(), event])).toBe(true);
  });

  it.each(refused)('refuses %s, as the schema does', (_name, event) => {
    expect(WebhookBatchSchema.safeParse([valid(), event]).success).toBe(false);
    expect(isWebhookBatch([valid(), event])).toBe(false);
  });

  it('accepts an empty batch and refuses a body that is not an array, as the schema does', () => {
    for (const body of [[], {}, valid(), 'x', null, undefined]) {
      expect(isWebhookBatch(body)).toBe(WebhookBatchSchema.safeParse(body).success);
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { v3Headers } from '../../sandbox/hubspot/caller/index.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { type EventWorld, startEventWorld } from './eventWorld.ts';
import { postSigned, webhookEvent } from './webhookFixtures.ts';

const valid = () => JSON.stringify([webhookEvent(), webhookEvent({ objectId: 9002 })]);
const withEvent = (patch: Record<string, unknown>) => JSON.stringify([webhookEvent(), { ...webhookEvent(), ...patch }]);

// Whether deliveries are stored directly or through the inbox, a refused one leaves no trace in either.
describe.each(['direct', 'inbox'] as const)(
  'webhook intake (%s) refuses what HubSpot did not send, and stores nothing',
  (intake) => {
    let world: EventWorld;
    let before: ReturnType<EventWorld['counts']>;

    beforeAll(async () => {
      world = await startEventWorld({ intake });
      world.spine.webhooks.subscribe([{ event: 'deal.propertyChange' }], 'test.deals', () => undefined);
    });
    afterAll(() => world.close());
    beforeEach(() => {
      before = world.counts();
    });

    it('accepts a correctly signed batch (the control case)', async () => {
      const res = await postSigned(world.webhookUrl, valid());
      expect(res.status).toBe(200);
      world.fanOut();
      expect(world.counts().events).toBe(before.events + 2);
    });

    it.each([
      ['a signature made with another secret', { secret: 'not-the-app-secret' }, /does not match/],
      ['a timestamp older than 5 minutes', { timestamp: Date.now() - 301_000 }, /older than 5 minutes/],
      ['a timestamp more than 5 minutes ahead', { timestamp: Date.now() + 301_000 }, /in the future/],
      ['no v3 signature header (v1 alone is not enough)', { headers: { 'X-HubSpot-Signature-v3': '' } }, /missing/],
    ])('401 for %s', async (_name, opts, message) => {
      const res = await postSigned(world.webhookUrl, valid(), opts);
      expect(res.status).toBe(401);
      expect(String((res.body.error as { message: string }).message)).toMatch(message);
      expect(world.counts()).toEqual(before);
    });

    it('401 when the body was changed after signing', async () => {
      const body = valid();
      const headers = v3Headers(TEST_SECRET, 'POST', world.webhookUrl, body, Date.now());
      const res = await fetch(world.webhookUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body.replace('9002', '9003'),
      });
      expect(res.status).toBe(401);
      expect(world.counts()).toEqual(before);
    });

    it.each([
      ['malformed JSON', '[{"eventId": 1,', /not valid JSON/],
      ['an object instead of an array', JSON.stringify(webhookEvent()), /body: /],
      ['an empty body', '', /body: /],
      ['an event without occurredAt', withEvent({ occurredAt: undefined }), /body\.1\.occurredAt/],
      ['an eventId sent as a string', withEvent({ eventId: '3816279340' }), /body\.1\.eventId/],
      [
        'an event without subscriptionType or eventType',
        withEvent({ subscriptionType: undefined }),
        /body\.1\.subscriptionType/,
      ],
      [
        'a subscriptionType that is not object.action',
        withEvent({ subscriptionType: 'deal' }),
        /body\.1\.subscriptionType/,
      ],
      ['a negative portalId', withEvent({ portalId: -5 }), /body\.1\.portalId/],
    ])(
      '400 for %s, naming the field; the valid events beside it are not stored either',
      async (_name, body, message) => {
        const res = await postSigned(world.webhookUrl, body);
        expect(res.status).toBe(400);
        expect(String((res.body.error as { message: string }).message)).toMatch(message);
        expect(world.counts()).toEqual(before);
      },
    );
  },
);

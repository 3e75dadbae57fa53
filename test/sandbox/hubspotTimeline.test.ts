import { afterEach, describe, expect, it } from 'vitest';
import { appEventTypeFromHsmeta, registerAppEventType } from '../../sandbox/hubspot/crm/appEvents.ts';
import { issuePrivateAppToken } from '../../sandbox/hubspot/portals.ts';
import { type CrmWorld, startCrmWorld } from './support/crmSandbox.ts';

let w: CrmWorld;
afterEach(() => w.close());

/** The hsmeta sample of hubspot-platform.md §3.1, as a project would ship it. */
const WA_SENT = {
  uid: 'wa_message_sent',
  type: 'app-event',
  config: {
    name: 'WhatsApp message sent',
    objectType: 'CONTACT',
    properties: [
      { name: 'phone', label: 'Phone', type: 'string' },
      { name: 'status', label: 'Status', type: 'enumeration', options: [{ value: 'sent' }, { value: 'failed' }] },
    ],
  },
};
const FQN = 'ae000000_wa_message_sent';

async function world(appEventsEnabled = true) {
  w = await startCrmWorld({ appEventsEnabled });
  registerAppEventType(w.portal, appEventTypeFromHsmeta(WA_SENT, FQN));
  const c = await w.client.crm.contacts.basicApi.create({ properties: { email: 't@example.com' }, associations: [] });
  return c.id;
}

const occurrence = (objectId: string, over: Record<string, unknown> = {}) => ({
  eventTypeName: FQN,
  objectId,
  id: 'msg-1',
  timestamp: '2025-10-01T12:00:00Z',
  properties: { phone: '+491701234567', status: 'sent' },
  ...over,
});

describe('HubSpot sandbox: app event occurrences', () => {
  it('when a valid occurrence is sent to v4 and 2026-03, each is 201 and stored on the portal', async () => {
    const objectId = await world();
    const a = await w.call('POST', '/integrators/timeline/v4/events', occurrence(objectId));
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ eventTypeName: FQN, id: 'msg-1', objectId });
    const b = await w.call(
      'POST',
      '/integrators/timeline/2026-03/events',
      occurrence(objectId, { id: 'msg-2', eventTypeName: 'wa_message_sent' }),
    );
    expect(b.status).toBe(201);
    expect(w.portal.timeline.map((t) => t.id)).toEqual(['msg-1', 'msg-2']);
  });

  it('when the same (event type, id) pair is sent again, it is 409 and stored once', async () => {
    const objectId = await world();
    await w.call('POST', '/integrators/timeline/v4/events', occurrence(objectId));
    const again = await w.call('POST', '/integrators/timeline/v4/events', occurrence(objectId));
    expect(again.status).toBe(409);
    expect(w.portal.timeline).toHaveLength(1);
  });

  it('when properties are undeclared, an enum value is not an option or the type is unknown, it is 400', async () => {
    const objectId = await world();
    const post = (o: unknown) => w.call('POST', '/integrators/timeline/v4/events', o);
    expect((await post(occurrence(objectId, { properties: { colour: 'red' } }))).status).toBe(400);
    expect((await post(occurrence(objectId, { properties: { status: 'SENT' } }))).status).toBe(400);
    expect((await post(occurrence(objectId, { eventTypeName: 'nope' }))).status).toBe(400);
    expect((await post({ eventTypeName: FQN, objectId, properties: {} })).status).toBe(400); // id is required
    expect((await post(occurrence('987654'))).status).toBe(400); // no such contact
    expect(w.portal.timeline).toHaveLength(0);
  });

  it('when app events are not enabled for the portal, occurrences are 403', async () => {
    const objectId = await world(false);
    const r = await w.call('POST', '/integrators/timeline/v4/events', occurrence(objectId));
    expect(r.status).toBe(403);
    expect(w.portal.timeline).toHaveLength(0);
  });

  it('when the token has neither timeline nor the object write scope, it is 403 MISSING_SCOPES', async () => {
    const objectId = await world();
    const token = issuePrivateAppToken(w.state, w.portal.id, ['crm.objects.deals.write']);
    const r = await w.call('POST', '/integrators/timeline/v4/events', occurrence(objectId), token);
    expect(r.status).toBe(403);
    expect(r.body.category).toBe('MISSING_SCOPES');
  });

  it('when a batch repeats an id, the batch is 207: the first is stored and the repeat is a 409-style error', async () => {
    const objectId = await world();
    const r = await w.call('POST', '/integrators/timeline/2026-03/events/batch', {
      inputs: [
        occurrence(objectId, { id: 'x1' }),
        occurrence(objectId, { id: 'x2' }),
        occurrence(objectId, { id: 'x1' }),
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body.numErrors).toBe(1);
    expect(r.body.errors[0]).toMatchObject({ category: 'CONFLICT', context: { id: ['x1'] } });
    const ok = await w.call('POST', '/integrators/timeline/v4/events/batch', {
      inputs: [occurrence(objectId, { id: 'x3' })],
    });
    expect(ok.status).toBe(201);
    expect(w.portal.timeline.map((t) => t.id)).toEqual(['x1', 'x2', 'x3']);
  });
});

describe('HubSpot sandbox: workflow action callbacks', () => {
  it('when a blocked execution is completed, the SDK gets 204 and the completion is recorded', async () => {
    w = await startCrmWorld();
    await w.client.automation.actions.callbacksApi.complete('cb-1', {
      outputFields: { hs_execution_state: 'SUCCESS', messageId: 'wamid.X' },
    });
    await w.client.automation.actions.callbacksApi.completeBatch({
      inputs: [{ callbackId: 'cb-2', outputFields: { hs_execution_state: 'FAIL_CONTINUE' } }],
    });
    expect(w.portal.callbacks.map((c) => [c.callbackId, c.outputFields.hs_execution_state])).toEqual([
      ['cb-1', 'SUCCESS'],
      ['cb-2', 'FAIL_CONTINUE'],
    ]);
  });

  it('when outputFields are missing or not strings, or the callback was already completed, it is 400', async () => {
    w = await startCrmWorld();
    const post = (id: string, body: unknown) => w.call('POST', `/automation/v4/actions/callbacks/${id}/complete`, body);
    expect((await post('cb-3', {})).status).toBe(400);
    expect((await post('cb-3', { outputFields: { n: 1 } })).status).toBe(400);
    expect((await post('cb-3', { outputFields: { hs_execution_state: 'SUCCESS' }, typedOutputs: {} })).status).toBe(
      204,
    );
    expect((await post('cb-3', { outputFields: { hs_execution_state: 'SUCCESS' } })).status).toBe(400);
    expect(w.portal.callbacks).toHaveLength(1);
  });

  it('when the token lacks the automation scope, completing is 403', async () => {
    w = await startCrmWorld();
    const token = issuePrivateAppToken(w.state, w.portal.id, ['crm.objects.contacts.write']);
    const r = await w.call('POST', '/automation/v4/actions/callbacks/cb-9/complete', { outputFields: {} }, token);
    expect(r.status).toBe(403);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhooks, executeWorkflowAction, type WebhookEvent } from '../../sandbox/hubspot/caller/index.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { type EventWorld, PORTAL, startEventWorld } from './eventWorld.ts';
import { objectHistory, postSigned, webhookEvent } from './webhookFixtures.ts';

let world: EventWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const FORGOTTEN = 50_001;
const KEPT = 50_002;
const privacyDeletion = (contactId: number) =>
  webhookEvent({
    subscriptionType: 'contact.privacyDeletion',
    subscriptionId: 40,
    objectId: contactId,
    changeSource: 'GDPR',
    propertyName: undefined,
    propertyValue: undefined,
  });
const emailChanges = (contactId: number) =>
  objectHistory({ type: 'contact', objectId: contactId, changes: 2, property: 'email', start: 1_764_000_000_000 });

describe('contact.privacyDeletion forgets what we store about the contact', () => {
  it('deletes its webhook events, scrubs its workflow executions, keeps other contacts, and drops late retries', async () => {
    world = await startEventWorld();
    const w = world;
    const synced: number[] = [];
    w.spine.webhooks.subscribe(
      [{ event: 'contact.creation' }, { event: 'contact.propertyChange', propertyName: 'email' }],
      'test.contactSync',
      (b) => void synced.push(b.objectId),
    );
    w.spine.workflowActions.registerAction('test-echo', { start: () => ({ state: 'SUCCESS' }) });
    const send = (events: WebhookEvent[]) =>
      deliverWebhooks({ targetUrl: w.webhookUrl, clientSecret: TEST_SECRET, events });

    await send([...emailChanges(FORGOTTEN), ...emailChanges(KEPT)]);
    const action = await executeWorkflowAction({
      actionUrl: `${w.origin}/actions/test-echo`,
      clientSecret: TEST_SECRET,
      callbackId: 'ap-1-2-3-0',
      portalId: PORTAL,
      object: { objectId: FORGOTTEN, objectType: 'CONTACT' },
      inputFields: { phone: '+491701234567' },
    });
    expect(action.executionState).toBe('SUCCESS');
    await w.spine.worker.runUntilIdle();
    expect(synced.sort()).toEqual([FORGOTTEN, KEPT]);
    const eventsOf = (id: number) =>
      w.db.prepare("SELECT COUNT(*) AS n FROM webhook_events WHERE object_type = 'contact' AND object_id = ?").get(id);
    expect(eventsOf(FORGOTTEN)).toEqual({ n: 3 });

    await send([privacyDeletion(FORGOTTEN)]);
    await w.spine.worker.runUntilIdle();

    expect(eventsOf(FORGOTTEN)).toEqual({ n: 0 });
    expect(eventsOf(KEPT)).toEqual({ n: 3 });
    const execution = w.db.prepare('SELECT request FROM workflow_action_executions').get() as { request: string };
    expect(execution.request).toBe('{}');
    expect(w.logs.lines.join('')).not.toContain('+491701234567');
    const line = w.logs.lines.find((l) => l.includes('contact forgotten'));
    expect(line).toContain('"webhookEvents":4'); // 3 stored events + the privacyDeletion event itself
    expect(line).toContain('"workflowActionExecutions":1');

    // HubSpot retries for 24 h: an old email change about the contact must not be stored again.
    const late = await postSigned(w.webhookUrl, JSON.stringify([emailChanges(FORGOTTEN)[1]]));
    expect(late.body).toMatchObject({ stored: 0, dropped: 1 });
    expect(eventsOf(FORGOTTEN)).toEqual({ n: 0 });
  });
});

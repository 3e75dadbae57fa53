import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCallbacks } from '../../../sandbox/hubspot/controlPlane.ts';
import { consent, contact, syncDemoTemplates } from './support.ts';
import { eventually, startWhatsAppWorld, type WhatsAppWorld } from './whatsappWorld.ts';

let w: WhatsAppWorld;
beforeEach(async () => {
  w = await startWhatsAppWorld();
  await syncDemoTemplates(w);
});
afterEach(() => w.close());

const completion = (callbackId: string) =>
  eventually(
    () => readCallbacks(w.hubspot.state, w.portalId).find((c) => c.callbackId === callbackId),
    `callback ${callbackId} completed`,
  );

describe('the Send WhatsApp message workflow action, end to end', () => {
  it('run twice with one callbackId sends once, and a blocked action completes its callback on delivery', async () => {
    const anna = contact(w, 0);
    consent(w, anna.phone);
    const inputs = { templateName: 'order_update', variableOverrides: '{"2": "SO-1001"}', waitForStatus: 'delivered' };

    const first = await w.runAction('cb-wa-1', anna.id, inputs);
    const second = await w.runAction('cb-wa-1', anna.id, inputs);
    expect(first.executionState).toBe('BLOCK');
    expect(second.executionState).toBe('BLOCK');

    await eventually(() => (w.whatsapp.state.sent.length > 0 ? true : undefined), 'the template to be sent');
    expect(readCallbacks(w.hubspot.state, w.portalId)).toEqual([]); // sent, not yet delivered
    await w.whatsapp.flush(); // sent, delivered, read webhooks reach the service
    const done = await completion('cb-wa-1');
    expect(done.outputFields).toMatchObject({
      hs_execution_state: 'SUCCESS',
      status: expect.stringMatching(/delivered|read/),
    });
    expect(done.outputFields.messageId).toBe(w.whatsapp.state.sent[0]!.id);

    await w.runAction('cb-wa-1', anna.id, inputs); // HubSpot retrying once more changes nothing
    await new Promise((r) => setTimeout(r, 300));
    expect(w.whatsapp.state.sent).toHaveLength(1);
    expect(w.whatsapp.state.sent[0]!.template).toMatchObject({ name: 'order_update' });
    const params = JSON.stringify(w.whatsapp.state.sent[0]!.body);
    expect(params).toContain(anna.firstname);
    expect(params).toContain('SO-1001');
    expect(readCallbacks(w.hubspot.state, w.portalId)).toHaveLength(1);
  });

  it('without waiting, completes as soon as WhatsApp accepted the message', async () => {
    const jonas = contact(w, 1);
    consent(w, jonas.phone);
    const answer = await w.runAction('cb-wa-2', jonas.id, { templateName: 'order_update', waitForStatus: 'none' });
    expect(answer.executionState).toBe('BLOCK');
    const done = await completion('cb-wa-2');
    expect(done.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', status: 'sent' });
  });

  it('a contact without consent fails the action with the reason, and nothing reaches WhatsApp', async () => {
    const lucia = contact(w, 2);
    await w.runAction('cb-wa-3', lucia.id, { templateName: 'order_update' });
    const done = await completion('cb-wa-3');
    expect(done.outputFields).toMatchObject({ hs_execution_state: 'FAIL_CONTINUE', status: 'refused' });
    expect(done.outputFields.failureReason).toMatch(/consent/i);
    expect(w.whatsapp.state.sent).toHaveLength(0);
  });

  it('bad inputs answer FAIL_CONTINUE at once, naming the input', async () => {
    const answer = await w.runAction('cb-wa-4', contact(w, 0).id, {
      templateName: 'order_update',
      variableOverrides: '{"x": 1}',
    });
    expect(answer.executionState).toBe('FAIL_CONTINUE');
    expect(answer.outputFields?.failureReason).toMatch(/variableOverrides/);
  });
});

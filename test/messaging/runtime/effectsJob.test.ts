import { describe, expect, it } from 'vitest';
import type { ClaimedJob } from '../../../src/jobs/index.ts';
import { statusChangeEffects, sentEffects } from '../../../src/messaging/crmEffects.ts';
import { WHATSAPP_CONTACT_PROPERTIES as P } from '../../../src/messaging/crmPort.ts';
import { effectsJobHandler } from '../../../src/messaging/runtime/effectsJob.ts';
import { InMemoryCrm } from '../fakeCrm.ts';
import { messagingDb, PORTAL } from '../messagingFixtures.ts';

const PHONE = '+34612345678';

/** Runs one effects job the way the worker does: the payload went through JSON. */
function run(handler: ReturnType<typeof effectsJobHandler>, effects: unknown) {
  const job = { portalId: PORTAL } as ClaimedJob;
  const payload = JSON.parse(JSON.stringify({ effects }));
  return handler({ job, payload, signal: new AbortController().signal, heartbeat: async () => {} });
}

describe('the CRM effects job', () => {
  it('a late status of an older message does not overwrite the newer message on the contact', async () => {
    const w = messagingDb();
    const crm = new InMemoryCrm({ 501: { mobilephone: PHONE } });
    const handler = effectsJobHandler({ crm, contacts: w.contacts, store: w.store, now: w.clock.now });
    const send = (key: string, wamid: string) => {
      const row = {
        portalId: PORTAL,
        phone: PHONE,
        phoneNumberId: '1065',
        kind: 'text',
        body: key,
        idempotencyKey: key,
      };
      const { message } = w.store.insertOutbound({ ...row, contactId: '501' }, w.clock.now());
      w.store.markAccepted(message.id, wamid, w.clock.now());
      w.clock.advance(1_000);
      return w.store.findById(message.id)!;
    };
    const first = send('first', 'wamid.1');
    // The read receipt of the first message was turned into effects while it was still the latest…
    w.store.writeStatus(first.id, 'read', { status: 'read', at: w.clock.now() }, w.clock.now());
    const readFirst = w.store.findById(first.id)!;
    const late = statusChangeEffects({ kind: 'changed', message: readFirst, from: 'accepted', to: 'read' }, true);
    // …but a second message went out and its effects ran first.
    const second = send('second', 'wamid.2');
    await run(handler, sentEffects(second));
    expect(crm.contacts.get('501')?.[P.lastMessageStatus]).toBe('sent');

    await run(handler, late);
    expect(crm.contacts.get('501')?.[P.lastMessageStatus]).toBe('sent');
    expect(crm.timeline.map((t) => t.event.id)).toEqual(['wa:wamid.2:sent', 'wa:wamid.1:read']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendJob } from '../../../src/messaging/runtime/sendJob.ts';
import { consent, contact, syncDemoTemplates } from './support.ts';
import { startWhatsAppWorld, type WhatsAppWorld } from './whatsappWorld.ts';

/** Privacy: a contact's WhatsApp data on a GDPR delete (forgetContact), a portal's on disconnect (forget registry). */
let w: WhatsAppWorld;
beforeEach(async () => {
  w = await startWhatsAppWorld();
  await syncDemoTemplates(w);
});
afterEach(() => w.close());

const count = (sql: string, ...args: unknown[]) => (w.service.db.prepare(sql).get(...args) as { n: number }).n;

describe('forgetting WhatsApp data', () => {
  it('a contact’s GDPR delete removes their messages, consent, enrollments and waiting sends', async () => {
    const anna = contact(w, 0);
    const jonas = contact(w, 1);
    for (const c of [anna, jonas]) consent(w, c.phone);
    for (const c of [anna, jonas]) {
      const sent = await w.service.whatsapp.sender.send({
        portalId: w.portalId,
        contactId: c.id,
        content: { kind: 'template', name: 'order_update' },
        idempotencyKey: `privacy:${c.id}`,
      });
      expect(sent.outcome).toBe('sent');
    }
    // A campaign send still waiting, carrying Anna's properties.
    w.service.spine.queue.enqueueManySync([
      {
        ...sendJob(w.portalId, {
          contactId: anna.id,
          content: { kind: 'template', name: 'order_update' },
          idempotencyKey: 'later',
          contact: { firstname: 'Anna', mobilephone: anna.phone },
        }),
        runAt: Date.now() + 3_600_000,
      },
    ]);

    const removed = w.service.spine.forgetContact.forget(w.portalId, Number(anna.id));
    expect(removed.whatsapp).toBeGreaterThan(0);
    expect(
      count('SELECT COUNT(*) AS n FROM whatsapp_messages WHERE portal_id = ? AND phone = ?', w.portalId, anna.phone),
    ).toBe(0);
    expect(
      count('SELECT COUNT(*) AS n FROM whatsapp_contacts WHERE portal_id = ? AND phone = ?', w.portalId, anna.phone),
    ).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM jobs WHERE status = 'pending' AND payload LIKE '%Anna%'")).toBe(0);
    // Jonas is untouched.
    expect(
      count('SELECT COUNT(*) AS n FROM whatsapp_messages WHERE portal_id = ? AND phone = ?', w.portalId, jonas.phone),
    ).toBe(1);
  });

  it('a disconnected portal leaves no WhatsApp data behind', async () => {
    const anna = contact(w, 0);
    consent(w, anna.phone);
    await w.service.whatsapp.sender.send({
      portalId: w.portalId,
      contactId: anna.id,
      content: { kind: 'template', name: 'order_update' },
      idempotencyKey: 'disconnect:1',
    });
    const report = await w.service.connections.forget.forget(w.portalId);
    expect(report.removed.whatsapp).toBeGreaterThan(0);
    for (const table of [
      'whatsapp_accounts',
      'whatsapp_secrets',
      'whatsapp_templates',
      'whatsapp_messages',
      'whatsapp_contacts',
    ]) {
      expect(count(`SELECT COUNT(*) AS n FROM ${table} WHERE portal_id = ?`, w.portalId), table).toBe(0);
    }
  });
});

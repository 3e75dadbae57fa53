import { readRecords } from '../../../sandbox/hubspot/controlPlane.ts';
import { eventually, type WhatsAppWorld } from './whatsappWorld.ts';

/** Syncs the sandbox's templates through the admin API and maps order_update's {{1}} to the contact's first name. */
export async function syncDemoTemplates(w: WhatsAppWorld): Promise<void> {
  const base = `/admin/portals/${w.portalId}/whatsapp/templates`;
  const sync = await w.admin('POST', `${base}/sync`);
  if (sync.status !== 200) throw new Error(`template sync: ${JSON.stringify(sync.body)}`);
  const mapping = await w.admin('PUT', `${base}/order_update/en_US/mapping`, {
    mapping: [
      { position: 1, source: { from: 'contact', property: 'firstname' }, fallback: 'there' },
      { position: 2, source: { from: 'static', text: 'your latest order' } },
    ],
  });
  if (mapping.status !== 200) throw new Error(`template mapping: ${JSON.stringify(mapping.body)}`);
}

/** A seeded contact's id and mobile number. */
export function contact(w: WhatsAppWorld, index: number): { id: string; phone: string; firstname: string } {
  const id = w.seeded.contactIds[index]!;
  const record = readRecords(w.hubspot.state, w.portalId, 'contacts').find((r) => r.id === id)!;
  return { id, phone: String(record.properties.mobilephone), firstname: String(record.properties.firstname) };
}

/** Records utility + marketing consent for a number as the card's consent form would. */
export function consent(w: WhatsAppWorld, phone: string): void {
  const key = { portalId: w.portalId, phone, now: Date.now() };
  w.service.whatsapp.stores.contacts.recordConsent(key, 'utility', 'granted', 'e2e: signed form');
  w.service.whatsapp.stores.contacts.recordConsent(key, 'marketing', 'granted', 'e2e: signed form');
}

/** Waits until no WhatsApp job is pending or running (sends, webhook effects and confirmations are jobs). */
export async function jobsSettled(w: WhatsAppWorld): Promise<void> {
  await eventually(() => {
    const row = w.service.db
      .prepare("SELECT COUNT(*) AS n FROM jobs WHERE type LIKE 'whatsapp.%' AND status IN ('pending', 'running')")
      .get() as { n: number };
    return row.n === 0 ? true : undefined;
  }, 'WhatsApp jobs to finish');
}

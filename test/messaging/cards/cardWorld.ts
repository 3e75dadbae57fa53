import { createInstallationsRepo } from '../../../src/connections/installationsRepo.ts';
import { Secret } from '../../../src/connections/secret.ts';
import { SqliteQueue } from '../../../src/jobs/index.ts';
import type { Properties } from '../../../src/mapping/templateVariables.ts';
import { createWhatsAppCardService } from '../../../src/messaging/cards/whatsappCardService.ts';
import type { MessagingCrm } from '../../../src/messaging/crmPort.ts';
import { createPortalProviders } from '../../../src/messaging/portalProviders.ts';
import { createContactSender } from '../../../src/messaging/runtime/contactSender.ts';
import { createWhatsAppSecrets } from '../../../src/messaging/whatsappSecrets.ts';
import { DEMO } from '../../../sandbox/whatsapp/index.ts';
import { keyEntry, vaultFor } from '../../connections/vaultFixtures.ts';
import { type SandboxWorld, startSandboxWorld } from '../../whatsapp/sandboxWorld.ts';
import { InMemoryCrm } from '../fakeCrm.ts';
import { demoAccount, GRAPH_VERSION, messagingDb, PORTAL } from '../messagingFixtures.ts';

export { PORTAL };
/** A second installed portal: connected to WhatsApp only when a test says so. */
export const OTHER_PORTAL = 202;
export const CONTACT_ID = '501';
export const PHONE = '+34612345678';

/** One in-memory CRM per portal: a contact id of one portal does not exist in another, as in HubSpot. */
class PortalCrms implements Pick<MessagingCrm, 'readContacts' | 'readContactDeal'> {
  readonly byPortal = new Map<number, InMemoryCrm>();
  of(portalId: number): InMemoryCrm {
    const crm = this.byPortal.get(portalId) ?? new InMemoryCrm();
    this.byPortal.set(portalId, crm);
    return crm;
  }
  readContacts(portalId: number, ids: string[], properties: string[]) {
    return this.of(portalId).readContacts(portalId, ids, properties);
  }
  readContactDeal(portalId: number, contactId: string, properties: string[]) {
    return this.of(portalId).readContactDeal(portalId, contactId, properties);
  }
}

/**
 * The card service as composeWhatsApp would build it: a migrated SQLite database, every messaging repository,
 * secrets in a vault, providers from createPortalProviders against the WhatsApp sandbox over HTTP, the real
 * contact sender and job queue. Portal 101 is the demo business with its templates synced, `order_update`
 * (en_US) mapped to the contact's first name (fallback "there") and its `order_ref` property.
 */
export async function startCardWorld(contact: Properties = { firstname: 'Ada', mobilephone: '+34 612 34 56 78' }) {
  const w = messagingDb();
  const { clock } = w;
  createInstallationsRepo(w.db).upsert(
    { portalId: OTHER_PORTAL, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: null },
    new Date(clock.now()),
  );
  const sandbox: SandboxWorld = await startSandboxWorld({ now: clock.now });
  const secrets = createWhatsAppSecrets(w.db, vaultFor(keyEntry('k1')), clock.now);
  w.accounts.save(demoAccount(), clock.now());
  secrets.save(PORTAL, 'token', new Secret(DEMO.token));
  const portals = createPortalProviders({
    accounts: w.accounts,
    secrets,
    graph: { baseUrl: sandbox.url, version: GRAPH_VERSION },
    // The send gate's wait (one message per 6 s to the same user) passes on the test clock, not in real time;
    // it still yields to I/O, so a wait for another send's answer lets that answer arrive.
    clock: {
      now: clock.now,
      sleep: (ms) => new Promise<void>((resolve) => setImmediate(() => resolve(clock.advance(ms)))),
    },
  });
  const sync = await sandbox.provider.listTemplates();
  if (!sync.ok) throw new Error('template sync failed');
  for (const t of sync.templates) w.templates.saveSynced(PORTAL, t, clock.now());
  w.templates.setMapping(
    PORTAL,
    'order_update',
    'en_US',
    [
      { position: 1, source: { from: 'contact', property: 'firstname' }, fallback: 'there' },
      { position: 2, source: { from: 'contact', property: 'order_ref' } },
    ],
    clock.now(),
  );
  const crms = new PortalCrms();
  crms.of(PORTAL).contacts.set(CONTACT_ID, { order_ref: 'A-1042', ...contact });
  const queue = new SqliteQueue(w.db, { clock: clock.now });
  const stores = { store: w.store, statuses: w.statuses, contacts: w.contacts, templates: w.templates };
  const sender = createContactSender({ stores: { ...stores, db: w.db }, portals, crm: crms, queue, now: clock.now });
  const service = createWhatsAppCardService({ stores, portals, crm: crms, sender, queue, now: clock.now });

  return {
    w,
    clock,
    sandbox,
    crms,
    queue,
    service,
    /** Connects the other portal to its own business account (no sandbox WABA behind it: nothing must be sent). */
    connectOtherPortal() {
      w.accounts.save(
        demoAccount({
          portalId: OTHER_PORTAL,
          businessAccountId: 'waba-202',
          numbers: [{ phoneNumberId: 'pn-202', displayNumber: '15550000202' }],
        }),
        clock.now(),
      );
      secrets.save(OTHER_PORTAL, 'token', new Secret('token-of-portal-202'));
    },
    /** Every webhook the sandbox has for portal 101, applied to the conversation store in arrival order. */
    async applyWebhooks() {
      const settings = w.accounts.find(PORTAL)!.settings;
      for (const hook of await sandbox.webhooks()) w.events.handle(PORTAL, settings, hook.events);
    },
    /** Jobs waiting in the durable queue, by type and key. */
    queuedJobs: () =>
      w.db.prepare('SELECT type, idempotency_key AS key, payload FROM jobs ORDER BY id').all() as {
        type: string;
        key: string;
        payload: string;
      }[],
    close: () => sandbox.close(),
  };
}

export type CardWorld = Awaited<ReturnType<typeof startCardWorld>>;

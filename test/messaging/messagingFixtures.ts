import { randomBytes } from 'node:crypto';
import type { VariableMapping } from '../../src/mapping/templateVariables.ts';
import { createInstallationsRepo } from '../../src/connections/installationsRepo.ts';
import { parseKeyring } from '../../src/connections/keyring.ts';
import { Secret } from '../../src/connections/secret.ts';
import { createTokenVault } from '../../src/connections/tokenVault.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../src/db/openDatabase.ts';
import { createMessagingStores } from '../../src/messaging/runtime/messagingStores.ts';
import type { SendDeps } from '../../src/messaging/sendMessage.ts';
import type { AccountInput } from '../../src/messaging/whatsappAccountsRepo.ts';
import { createMetaCloudProvider } from '../../src/whatsapp/metaCloudProvider.ts';
import type { WhatsAppProvider } from '../../src/whatsapp/provider.ts';
import { DEMO } from '../../sandbox/whatsapp/index.ts';

export const PORTAL = 101;
export const GRAPH_VERSION = 'v23.0';

/** A settable clock, shared by the store and the code under test. */
export class TestClock {
  constructor(public t = Date.parse('2026-03-02T10:00:00Z')) {}
  now = (): number => this.t;
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A migrated in-memory database with one installed portal and every messaging repository over it. */
export function messagingDb(clock = new TestClock()) {
  const db: Db = openDatabase(':memory:');
  migrate(db);
  createInstallationsRepo(db).upsert(
    { portalId: PORTAL, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: null },
    new Date(clock.now()),
  );
  // The composition root's repositories, over a vault with a throwaway key.
  const vault = createTokenVault(parseKeyring(`test:${randomBytes(32).toString('base64')}`));
  return { ...createMessagingStores(db, vault, clock.now), clock };
}
export type MessagingDb = ReturnType<typeof messagingDb>;

/** The demo business of the sandbox seed, as a portal's account (Spain as default country). */
export function demoAccount(overrides: Partial<AccountInput> = {}): AccountInput {
  return {
    portalId: PORTAL,
    businessAccountId: DEMO.wabaId,
    numbers: [{ phoneNumberId: DEMO.phoneNumberId, displayNumber: DEMO.displayPhoneNumber }],
    settings: {
      defaultCountry: 'ES',
      businessHours: {
        timeZone: 'Europe/Madrid',
        windows: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })),
      },
    },
    ...overrides,
  };
}

export function metaProvider(baseUrl: string, token: string = DEMO.token): WhatsAppProvider {
  return createMetaCloudProvider({
    baseUrl,
    version: GRAPH_VERSION,
    businessAccountId: DEMO.wabaId,
    accessToken: new Secret(token),
  });
}

/** SendDeps for the demo portal (its account saved) over `provider`. */
export function sendDeps(w: MessagingDb, provider: WhatsAppProvider): SendDeps {
  const account = w.accounts.find(PORTAL) ?? w.accounts.save(demoAccount(), w.clock.now());
  return {
    provider,
    account,
    templates: w.templates,
    contacts: w.contacts,
    store: w.store,
    statuses: w.statuses,
    now: w.clock.now,
  };
}

/** Consent to both categories for a phone, as the card's "record consent" would. */
export function grantConsent(w: MessagingDb, phone: string): void {
  const key = { portalId: PORTAL, phone, now: w.clock.now() };
  w.contacts.recordConsent(key, 'marketing', 'granted', 'test');
  w.contacts.recordConsent(key, 'utility', 'granted', 'test');
}

/** Registers the manual `order_update` template ("Hi {{1}}, your order {{2}} has been updated.") with a mapping. */
export function registerOrderUpdate(w: MessagingDb, mapping: VariableMapping[]): void {
  const template = {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY' as const,
    status: 'APPROVED' as const,
    bodyText: 'Hi {{1}}, your order {{2}} has been updated.',
  };
  w.templates.register(PORTAL, template, w.clock.now());
  w.templates.setMapping(PORTAL, 'order_update', 'en_US', mapping, w.clock.now());
}

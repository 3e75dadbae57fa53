import { associate } from './crm/associationStore.ts';
import { defaultType } from './crm/associationTypes.ts';
import { insertRecord, reserveId } from './crm/records.ts';
import { optionOf } from './defaults.ts';
import { addOwner, createPortal, registerOAuthClient } from './portals.ts';
import type { OAuthClient, Owner, Portal, PropertyDefinition, SandboxState } from './state.ts';

/**
 * A believable demo portal for `npm run demo`, browser tests and benchmarks: owners, companies, contacts with
 * WhatsApp-ready mobile numbers, deals across the default pipeline (one already Closed Won), two custom contact
 * properties with options, and the Switchboard OAuth client. Records go through the CRM store, so they carry
 * HubSpot's computed properties and emit changes like any other write.
 */

export interface SeedOptions {
  portalId?: number;
  clientId?: string;
  clientSecret?: string;
  appId?: number;
  redirectUrls?: string[];
}

export interface SeededPortal {
  portal: Portal;
  client: OAuthClient;
  owners: Owner[];
  companyIds: string[];
  contactIds: string[];
  /** Deal ids keyed by their stage id. */
  dealIds: Record<string, string>;
}

const COMPANIES = [
  { name: 'Northwind Traders', domain: 'northwind.example.com', city: 'Hamburg', country: 'Germany' },
  { name: 'Contoso Pharma', domain: 'contoso.example.com', city: 'Madrid', country: 'Spain' },
  { name: 'Fabrikam Logistics', domain: 'fabrikam.example.com', city: 'Lisbon', country: 'Portugal' },
];
// [firstname, lastname, email, mobile (E.164), jobtitle, preferred_language, company index]
const CONTACTS: [string, string, string, string, string, string, number][] = [
  ['Anna', 'Schmidt', 'anna.schmidt@northwind.example.com', '+4915123456701', 'Head of Purchasing', 'de', 0],
  ['Jonas', 'Weber', 'jonas.weber@northwind.example.com', '+4915123456702', 'Buyer', 'de', 0],
  ['Lucia', 'Garcia', 'lucia.garcia@contoso.example.com', '+34612345603', 'Operations Manager', 'es', 1],
  ['Miguel', 'Santos', 'miguel.santos@fabrikam.example.com', '+351912345604', 'CEO', 'pt', 2],
  ['Emma', 'Brown', 'emma.brown@fabrikam.example.com', '+447700900605', 'Finance Lead', 'en', 2],
];
const DEALS: [string, string, string, number, number][] = [
  // [dealname, dealstage, amount, contact index, company index]
  ['Northwind — pallet racks', 'appointmentscheduled', '4800', 0, 0],
  ['Northwind — forklift service', 'qualifiedtobuy', '12500.50', 1, 0],
  ['Contoso — cold chain pilot', 'contractsent', '31000', 2, 1],
  ['Fabrikam — fleet tracking', 'closedwon', '18250', 3, 2],
  ['Fabrikam — warehouse audit', 'closedlost', '2900', 4, 2],
];

function customProperty(
  portal: Portal,
  type: string,
  def: Omit<PropertyDefinition, 'createdAt' | 'updatedAt'>,
  at: string,
) {
  portal.properties.get(type)?.set(def.name, { ...def, createdAt: at, updatedAt: at });
}

function addCustomSchema(portal: Portal, at: string): void {
  portal.propertyGroups
    .get('contacts')
    ?.set('switchboard', { name: 'switchboard', label: 'Switchboard', displayOrder: 5, archived: false });
  const base = { groupName: 'switchboard', description: '', hubspotDefined: false, hasUniqueValue: false } as const;
  customProperty(
    portal,
    'contacts',
    {
      ...base,
      name: 'preferred_language',
      label: 'Preferred language',
      type: 'enumeration',
      fieldType: 'select',
      options: ['en:English', 'de:German', 'es:Spanish', 'pt:Portuguese'].map(optionOf),
    },
    at,
  );
  customProperty(
    portal,
    'contacts',
    {
      ...base,
      name: 'customer_tier',
      label: 'Customer tier',
      type: 'enumeration',
      fieldType: 'radio',
      options: ['gold:Gold', 'silver:Silver', 'bronze:Bronze'].map(optionOf),
    },
    at,
  );
}

function link(portal: Portal, fromType: string, fromId: string, toType: string, toId: string): void {
  const def = defaultType(fromType, toType);
  if (def) associate(portal, { type: fromType, id: fromId }, { type: toType, id: toId }, [def]);
}

/** Creates the demo portal (replacing one with the same id) and returns the ids a walkthrough needs. */
export function seedDemoPortal(state: SandboxState, opts: SeedOptions = {}): SeededPortal {
  const portal = createPortal(state, {
    id: opts.portalId ?? 62515,
    name: 'Acme Distribution (demo)',
    domain: 'acme-distribution.example.com',
    timezone: 'Europe/Berlin',
    tier: 'professional',
  });
  const owners = [
    addOwner(portal, { email: 'alice.rep@acme-distribution.example.com', firstName: 'Alice', lastName: 'Rep' }),
    addOwner(portal, { email: 'bob.closer@acme-distribution.example.com', firstName: 'Bob', lastName: 'Closer' }),
    addOwner(portal, { email: 'carla.manager@acme-distribution.example.com', firstName: 'Carla', lastName: 'Manager' }),
  ];
  addCustomSchema(portal, new Date(state.now()).toISOString());
  const write = (type: string, values: Record<string, string>) =>
    insertRecord(state, portal, type, reserveId(portal), values, { changeSource: 'CRM_UI' }).id;

  const companyIds = COMPANIES.map((c, i) => write('companies', { ...c, hubspot_owner_id: owners[i % 3]!.id }));
  const contactIds = CONTACTS.map(([firstname, lastname, email, mobile, jobtitle, lang, ci], i) => {
    const id = write('contacts', {
      firstname,
      lastname,
      email,
      mobilephone: mobile,
      phone: mobile,
      jobtitle,
      company: COMPANIES[ci]!.name,
      lifecyclestage: i < 3 ? 'opportunity' : 'customer',
      preferred_language: lang,
      customer_tier: ['gold', 'silver', 'bronze'][i % 3]!,
      hubspot_owner_id: owners[i % 2]!.id,
    });
    link(portal, 'contacts', id, 'companies', companyIds[ci]!);
    return id;
  });
  const dealIds: Record<string, string> = {};
  DEALS.forEach(([dealname, dealstage, amount, contact, company], i) => {
    const id = write('deals', {
      dealname,
      dealstage,
      pipeline: 'default',
      amount,
      closedate: new Date(state.now() + (i - 2) * 7 * 86_400_000).toISOString(),
      hubspot_owner_id: owners[i % 2]!.id,
    });
    link(portal, 'deals', id, 'contacts', contactIds[contact]!);
    link(portal, 'deals', id, 'companies', companyIds[company]!);
    dealIds[dealstage] = id;
  });
  const client = registerOAuthClient(state, {
    clientId: opts.clientId ?? 'switchboard-demo-client-id',
    clientSecret: opts.clientSecret ?? 'switchboard-demo-client-secret',
    appId: opts.appId ?? 54321,
    redirectUrls: opts.redirectUrls ?? ['http://localhost:3000/oauth/callback'],
  });
  return { portal, client, owners, companyIds, contactIds, dealIds };
}

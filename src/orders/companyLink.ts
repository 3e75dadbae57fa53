import {
  AssociationSpecAssociationCategoryEnum as Category,
  FilterOperatorEnum,
} from '@hubspot/api-client/lib/codegen/crm/companies/index.js';
import type { HubspotCall, HubspotCallOptions } from '../hubspot/hubspotCall.ts';
import type { DealBundle } from './dealBundle.ts';
import { type CompanyLinks, normalizeDomain } from './companyLinks.ts';
import type { HubspotRecord } from './hubspotReads.ts';
import { readRecords } from './hubspotReads.ts';

/**
 * The order's customer company (issue 6 §2): the deal's associated company; otherwise one matched by domain, then
 * by name (our registry first, then HubSpot search); otherwise a new one when the portal allows it. Planning only
 * reads; `carryOut` (association or creation) runs after the order was claimed, so concurrent creators of one order
 * never create its company twice.
 */
export type CompanyPlan =
  | { kind: 'associated'; company: HubspotRecord }
  | { kind: 'matched'; company: HubspotRecord; by: 'registry' | 'domain' | 'name' }
  | { kind: 'create'; name: string | null; domain: string | null }
  | { kind: 'none'; reason: string };

export interface CompanyLinkDeps {
  hubspot: HubspotCall;
  links: CompanyLinks;
  now: () => number;
}

// Addresses at these domains say nothing about the customer's company [M: a short list of the largest providers].
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'proton.me',
  'protonmail.com',
]);
/** Company → deal, HUBSPOT_DEFINED (reference §4.2), for the inline association on create. */
const COMPANY_TO_DEAL = 342;

/** Who the customer is when the deal names no company: the rep's form, else the contacts' email domain and company. */
export function customerCandidate(bundle: DealBundle, overrides: Readonly<Record<string, string | null>> = {}) {
  const emailDomain = bundle.contacts
    .map((c) => c.properties.email?.split('@')[1])
    .map((d) => (d ? normalizeDomain(d) : undefined))
    .find((d) => d !== undefined && !FREE_MAIL.has(d));
  const contactCompany = bundle.contacts.map((c) => c.properties.company?.trim()).find((n) => n);
  return {
    domain: overrides['customer.domain'] ?? emailDomain ?? null,
    name: overrides['customer.name'] ?? contactCompany ?? null,
  };
}

/**
 * One company by exact domain or name through CRM search (reference §3: EQ is case-insensitive for strings; search
 * has its own 5 requests/s budget, hence `kind: 'search'`). Search is eventually consistent: a company created
 * moments ago may be missing — companyLinks.ts covers the companies Switchboard created itself.
 */
export async function searchCompany(
  hubspot: HubspotCall,
  portalId: number,
  by: 'domain' | 'name',
  value: string,
  properties: string[],
  priority: HubspotCallOptions['priority'] = 'background',
): Promise<HubspotRecord | undefined> {
  const wanted = by === 'domain' ? normalizeDomain(value) : value.trim();
  if (wanted === '') return undefined;
  const res = await hubspot(portalId, { feature: 'orders', kind: 'search', priority }, (c) =>
    c.crm.companies.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: by, operator: FilterOperatorEnum.Eq, value: wanted }] }],
      properties,
      // Oldest first: when duplicates already exist, keep linking to the original company. The SDK types `sorts`
      // as string[] but HubSpot takes objects (reference §1.7), hence the cast.
      sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }] as unknown as string[],
      limit: 1,
      after: '0',
    }),
  );
  const found = res.results[0];
  return found ? { id: found.id, properties: found.properties } : undefined;
}

export function createCompanyLinker(deps: CompanyLinkDeps) {
  const inFlight = new Map<string, Promise<HubspotRecord>>();

  async function fromRegistry(portalId: number, c: { domain: string | null; name: string | null }, props: string[]) {
    const id =
      (c.domain && deps.links.find(portalId, 'domain', c.domain)) ||
      (c.name && deps.links.find(portalId, 'name', c.name));
    if (!id) return undefined;
    return (await readRecords(deps.hubspot, portalId, 'companies', [id], props)).records.get(id);
  }

  async function plan(
    portalId: number,
    bundle: DealBundle,
    opts: {
      overrides?: Readonly<Record<string, string | null>>;
      allowCreate: boolean;
      properties: string[];
      priority?: HubspotCallOptions['priority'];
    },
  ): Promise<CompanyPlan> {
    if (bundle.company) return { kind: 'associated', company: bundle.company };
    const c = customerCandidate(bundle, opts.overrides);
    if (!c.domain && !c.name)
      return { kind: 'none', reason: 'the deal has no company, and neither its contacts nor the form name one' };
    const known = await fromRegistry(portalId, c, opts.properties);
    if (known) return { kind: 'matched', company: known, by: 'registry' };
    for (const by of ['domain', 'name'] as const) {
      const value = c[by];
      if (!value) continue;
      const found = await searchCompany(deps.hubspot, portalId, by, value, opts.properties, opts.priority);
      if (found) return { kind: 'matched', company: found, by };
    }
    if (opts.allowCreate) return { kind: 'create', name: c.name, domain: c.domain ? normalizeDomain(c.domain) : null };
    return { kind: 'none', reason: `no company matches ${c.domain ?? c.name} and creating companies is turned off` };
  }

  const associate = (portalId: number, dealId: string, companyId: string) =>
    deps.hubspot(portalId, { feature: 'orders' }, (c) =>
      c.crm.associations.v4.basicApi.createDefault('deals', dealId, 'companies', companyId),
    );

  async function create(portalId: number, dealId: string, p: { name: string | null; domain: string | null }) {
    const properties: Record<string, string> = {};
    if (p.name) properties.name = p.name;
    if (p.domain) properties.domain = p.domain;
    const types = [{ associationCategory: Category.HubspotDefined, associationTypeId: COMPANY_TO_DEAL }];
    const created = await deps.hubspot(portalId, { feature: 'orders', idempotent: false }, (c) =>
      c.crm.companies.basicApi.create({ properties, associations: [{ to: { id: dealId }, types }] }),
    );
    deps.links.remember(portalId, created.id, p, true, new Date(deps.now()));
    return { id: created.id, properties: created.properties };
  }

  /** Links the planned company to the deal (1 call) or creates it associated with the deal (1 call). */
  async function carryOut(portalId: number, dealId: string, p: CompanyPlan): Promise<HubspotRecord | null> {
    if (p.kind === 'none') return null;
    if (p.kind === 'associated') return p.company;
    if (p.kind === 'matched') {
      await associate(portalId, dealId, p.company.id);
      const keys = { domain: p.company.properties.domain ?? null, name: p.company.properties.name ?? null };
      deps.links.remember(portalId, p.company.id, keys, false, new Date(deps.now()));
      return p.company;
    }
    // Two orders for one new customer in this process share one creation instead of racing to create two.
    const key = `${portalId}:${p.domain ?? ''}:${p.name ?? ''}`;
    const shared = inFlight.get(key);
    if (shared) {
      const company = await shared;
      await associate(portalId, dealId, company.id);
      return company;
    }
    const pending = create(portalId, dealId, p).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
    return pending;
  }

  return { plan, carryOut };
}

export type CompanyLinker = ReturnType<typeof createCompanyLinker>;

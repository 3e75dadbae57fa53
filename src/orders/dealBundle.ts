import { AppError } from '../errors.ts';
import type { HubspotCall, HubspotCallOptions } from '../hubspot/hubspotCall.ts';
import { type OrderFieldMapping, propertiesToRead } from '../mapping/orderFields.ts';
import { dealNotFound, isNotFoundError } from './hubspotErrors.ts';
import { type HubspotRecord, readRecords } from './hubspotReads.ts';
import { DEAL_PROPS } from './properties.ts';
import type { OrderContact, OrderLineItem } from './types.ts';

/**
 * A deal with what an order copies from it — its company, contacts and line items — read in as few calls as
 * HubSpot allows: one GET of the deal with its association ids (v3 `associations` parameter, reference §2), then one
 * batch read per associated object type, in parallel. A lone deal costs 1–4 calls.
 */
export interface DealBundle {
  deal: HubspotRecord;
  /** Associated company ids, the primary one first. */
  companyIds: string[];
  company: HubspotRecord | null;
  contacts: HubspotRecord[];
  lineItems: HubspotRecord[];
}

export const CONTACT_PROPS = ['firstname', 'lastname', 'email', 'company'];
export const LINE_ITEM_PROPS = ['name', 'quantity', 'price', 'amount', 'hs_sku'];
/** Deal → company "Primary" association type (reference §4.2). */
export const PRIMARY_COMPANY_TYPE_ID = 5;

/** Deal properties an order needs: the mapped ones, stage/pipeline (trigger, status) and Switchboard's own. */
export function dealPropertyNames(mapping: readonly OrderFieldMapping[]): string[] {
  return [
    ...new Set([
      'dealname',
      'dealstage',
      'pipeline',
      ...propertiesToRead(mapping, 'deal'),
      ...Object.values(DEAL_PROPS),
    ]),
  ];
}

export function companyPropertyNames(mapping: readonly OrderFieldMapping[]): string[] {
  return [...new Set(['name', 'domain', ...propertiesToRead(mapping, 'company')])];
}

const text = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? null : v.trim());

export function toOrderContacts(records: readonly HubspotRecord[]): OrderContact[] {
  return records.map((r) => {
    const name = [text(r.properties.firstname), text(r.properties.lastname)].filter(Boolean).join(' ');
    return { hubspotId: r.id, name: name === '' ? null : name, email: text(r.properties.email) };
  });
}

export function toOrderLineItems(records: readonly HubspotRecord[]): OrderLineItem[] {
  return records.map((r) => ({
    hubspotId: r.id,
    name: text(r.properties.name),
    quantity: text(r.properties.quantity),
    price: text(r.properties.price),
    amount: text(r.properties.amount),
    sku: text(r.properties.hs_sku),
  }));
}

type V3Associations = Record<string, { results: { id: string; type: string }[] }> | undefined;

// v3 names the primary deal→company type `deal_to_company` and others `deal_to_company_unlabeled` [D]; the line
// items key is `line_items` in the sandbox, `line items` in some HubSpot answers [U], so both are read.
function associated(assoc: V3Associations, keys: string[], primaryType?: string): string[] {
  const results = keys.flatMap((k) => assoc?.[k]?.results ?? []);
  const primary = results.filter((r) => r.type === primaryType).map((r) => r.id);
  return [...new Set([...primary, ...results.map((r) => r.id)])];
}

async function getDeal(
  hubspot: HubspotCall,
  portalId: number,
  dealId: string,
  props: string[],
  opts: HubspotCallOptions,
) {
  try {
    return await hubspot(portalId, opts, (c) =>
      c.crm.deals.basicApi.getById(dealId, props, undefined, ['companies', 'contacts', 'line_items']),
    );
  } catch (e) {
    if (isNotFoundError(e)) throw dealNotFound(portalId, dealId);
    throw e;
  }
}

/** Reads one deal with its company (the primary one), contacts and line items. */
export async function readDealBundle(
  hubspot: HubspotCall,
  portalId: number,
  dealId: string,
  mapping: readonly OrderFieldMapping[],
  priority: HubspotCallOptions['priority'] = 'background',
): Promise<DealBundle> {
  const deal = await getDeal(hubspot, portalId, dealId, dealPropertyNames(mapping), { feature: 'orders', priority });
  const companyIds = associated(deal.associations, ['companies'], 'deal_to_company');
  const contactIds = associated(deal.associations, ['contacts']);
  const lineItemIds = associated(deal.associations, ['line_items', 'line items']);
  const read = (kind: 'companies' | 'contacts' | 'line_items', ids: string[], props: string[]) =>
    ids.length === 0 ? undefined : readRecords(hubspot, portalId, kind, ids, props, { priority });
  const [company, contacts, lineItems] = await Promise.all([
    read('companies', companyIds.slice(0, 1), companyPropertyNames(mapping)),
    read('contacts', contactIds, CONTACT_PROPS),
    read('line_items', lineItemIds, LINE_ITEM_PROPS),
  ]);
  const failed = [company, contacts, lineItems].some((r) => r && r.failed.size > 0);
  if (failed) throw new AppError('upstream_unavailable', `could not read the records associated with deal ${dealId}`);
  return {
    deal: { id: deal.id, properties: deal.properties },
    companyIds,
    company: company?.records.get(companyIds[0]!) ?? null,
    contacts: contactIds.flatMap((id) => contacts?.records.get(id) ?? []),
    lineItems: lineItemIds.flatMap((id) => lineItems?.records.get(id) ?? []),
  };
}

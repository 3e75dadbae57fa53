import { AppError } from '../errors.ts';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import type { OrderFieldMapping } from '../mapping/orderFields.ts';
import {
  CONTACT_PROPS,
  companyPropertyNames,
  type DealBundle,
  dealPropertyNames,
  LINE_ITEM_PROPS,
  PRIMARY_COMPANY_TYPE_ID,
} from './dealBundle.ts';
import { dealNotFound } from './hubspotErrors.ts';
import { type AssociatedId, type ObjectKind, readAssociations, readRecords } from './hubspotReads.ts';

/**
 * The burst path of dealBundle.ts: many deals with their companies, contacts and line items in batch calls —
 * deals (100 per call), associations (1,000 per call, one call per object type), then each associated type
 * (100 per call). 1,000 deals cost about 10 + 3 + 3×10 calls instead of 4,000.
 */
export type BundleOutcome = { ok: true; bundle: DealBundle } | { ok: false; error: AppError };

const primaryFirst = (list: AssociatedId[] = []) => [
  ...list.filter((a) => a.typeIds.includes(PRIMARY_COMPANY_TYPE_ID)).map((a) => a.id),
  ...list.filter((a) => !a.typeIds.includes(PRIMARY_COMPANY_TYPE_ID)).map((a) => a.id),
];
const ids = (list: AssociatedId[] = []) => [...new Set(list.map((a) => a.id))];
const upstream = (dealId: string, what: string) =>
  new AppError('upstream_unavailable', `could not read the ${what} of deal ${dealId}; retry later`);

async function readAllAssociations(hubspot: HubspotCall, portalId: number, dealIds: string[]) {
  const read = (to: ObjectKind) => readAssociations(hubspot, portalId, 'deals', to, dealIds);
  const [companies, contacts, lineItems] = await Promise.all([read('companies'), read('contacts'), read('line_items')]);
  return { companies, contacts, lineItems };
}

/** Reads every deal's bundle; each deal gets its own outcome, so one bad deal does not fail the burst. */
export async function readDealBundles(
  hubspot: HubspotCall,
  portalId: number,
  dealIds: readonly string[],
  mapping: readonly OrderFieldMapping[],
): Promise<Map<string, BundleOutcome>> {
  const deals = await readRecords(hubspot, portalId, 'deals', dealIds, dealPropertyNames(mapping));
  const found = [...deals.records.keys()];
  const assoc = await readAllAssociations(hubspot, portalId, found);
  const primaryCompany = new Map(found.map((id) => [id, primaryFirst(assoc.companies.get(id))] as const));
  const all = (m: Map<string, AssociatedId[]>) => found.flatMap((id) => ids(m.get(id)));
  const [companies, contacts, lineItems] = await Promise.all([
    readRecords(
      hubspot,
      portalId,
      'companies',
      found.flatMap((id) => primaryCompany.get(id)!.slice(0, 1)),
      companyPropertyNames(mapping),
    ),
    readRecords(hubspot, portalId, 'contacts', all(assoc.contacts), CONTACT_PROPS),
    readRecords(hubspot, portalId, 'line_items', all(assoc.lineItems), LINE_ITEM_PROPS),
  ]);
  const out = new Map<string, BundleOutcome>();
  for (const dealId of new Set(dealIds)) {
    const deal = deals.records.get(dealId);
    if (!deal) {
      out.set(dealId, {
        ok: false,
        error: deals.failed.has(dealId) ? upstream(dealId, 'deal') : dealNotFound(portalId, dealId),
      });
      continue;
    }
    const companyIds = primaryCompany.get(dealId)!;
    const contactIds = ids(assoc.contacts.get(dealId));
    const lineItemIds = ids(assoc.lineItems.get(dealId));
    const broken =
      (companyIds[0] !== undefined && companies.failed.has(companyIds[0])) ||
      contactIds.some((id) => contacts.failed.has(id)) ||
      lineItemIds.some((id) => lineItems.failed.has(id));
    if (broken) {
      out.set(dealId, { ok: false, error: upstream(dealId, 'associated records') });
      continue;
    }
    const bundle: DealBundle = {
      deal,
      companyIds,
      company: companyIds[0] === undefined ? null : (companies.records.get(companyIds[0]) ?? null),
      contacts: contactIds.flatMap((id) => contacts.records.get(id) ?? []),
      lineItems: lineItemIds.flatMap((id) => lineItems.records.get(id) ?? []),
    };
    out.set(dealId, { ok: true, bundle });
  }
  return out;
}

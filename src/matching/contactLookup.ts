import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import type { CrmRecord, SearchRequest } from './crmApi.ts';
import { chunkForSearch, searchEach } from './crmSearch.ts';
import { normalizeDomain, normalizeEmail, normalizeName, normalizePhone, samePhone, splitName } from './normalize.ts';

/**
 * Batched lookups of existing records: one search answers many people at once (an IN filter over up to
 * ~100 values, chunked by the 3,000-character body limit, reference §3). Each returns, per asked value,
 * every record that has it — more than one means the value is ambiguous and the caller must not guess.
 */
export interface LookupContext {
  hubspot: HubspotCall;
  portalId: number;
  feature: string;
}

export const CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'phone', 'mobilephone'];

function groupBy(values: readonly string[], records: CrmRecord[], keyOf: (r: CrmRecord) => string[]) {
  const out = new Map<string, CrmRecord[]>(values.map((v) => [v, []]));
  const seen = new Set<string>();
  for (const r of records) {
    for (const k of keyOf(r)) {
      const list = out.get(k);
      if (list && !seen.has(`${k}|${r.id}`)) list.push(r);
      seen.add(`${k}|${r.id}`);
    }
  }
  return out;
}

/** Contacts by email (`email IN […]`; string IN values must be lower case, §3). */
export async function contactsByEmail(ctx: LookupContext, emails: readonly string[]) {
  const values = [...new Set(emails.map(normalizeEmail))];
  const requests = chunkForSearch(values, (chunk) => ({
    filterGroups: [{ filters: [{ propertyName: 'email', operator: 'IN', values: chunk }] }],
    properties: CONTACT_PROPERTIES,
  }));
  const records = await searchEach(ctx.hubspot, ctx.portalId, 'contacts', requests, ctx.feature);
  return groupBy(values, records, (r) => [normalizeEmail(r.properties.email ?? '')]);
}

function nameRequest(names: string[]): SearchRequest {
  const parts = names.map(splitName);
  const full = parts.filter((p) => p.lastname !== '');
  const single = parts.filter((p) => p.lastname === '');
  const lower = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))];
  const groups: SearchRequest['filterGroups'] = [];
  if (full.length > 0) {
    groups.push({
      filters: [
        { propertyName: 'firstname', operator: 'IN', values: lower(full.map((p) => p.firstname)) },
        { propertyName: 'lastname', operator: 'IN', values: lower(full.map((p) => p.lastname)) },
      ],
    });
  }
  if (single.length > 0) {
    groups.push({
      filters: [
        { propertyName: 'firstname', operator: 'IN', values: lower(single.map((p) => p.firstname)) },
        { propertyName: 'lastname', operator: 'NOT_HAS_PROPERTY' },
      ],
    });
  }
  return { filterGroups: groups, properties: CONTACT_PROPERTIES };
}

/**
 * Contacts by full name. One group asks `firstname IN […] AND lastname IN […]`, which also returns cross pairs
 * (Ann Kim for Ann Lee + Bo Kim); exact pairs are kept locally.
 */
export async function contactsByName(ctx: LookupContext, names: readonly string[]) {
  const values = [...new Set(names.map(normalizeName))];
  const requests = chunkForSearch(values, nameRequest);
  const records = await searchEach(ctx.hubspot, ctx.portalId, 'contacts', requests, ctx.feature);
  const fullName = (r: CrmRecord) => normalizeName(`${r.properties.firstname ?? ''} ${r.properties.lastname ?? ''}`);
  return groupBy(values, records, (r) => [fullName(r)]);
}

/**
 * Contacts by phone or mobile phone. HubSpot stores phone numbers as typed; we ask for the usual spellings and
 * compare digits locally. [U] HubSpot documents `hs_searchable_calculated_*` phone properties for search (§3);
 * their exact names are unconfirmed, so this searches `phone`/`mobilephone` instead.
 */
export async function contactsByPhone(ctx: LookupContext, phones: readonly string[]) {
  const values = [...new Set(phones.map(normalizePhone))];
  const spellings = (p: string) => [...new Set([p, p.replace(/^\+/, '')])];
  const requests = chunkForSearch(values, (chunk) => {
    const all = chunk.flatMap(spellings);
    return {
      filterGroups: ['phone', 'mobilephone'].map((propertyName) => ({
        filters: [{ propertyName, operator: 'IN' as const, values: all }],
      })),
      properties: CONTACT_PROPERTIES,
    };
  });
  const records = await searchEach(ctx.hubspot, ctx.portalId, 'contacts', requests, ctx.feature);
  return groupBy(values, records, (r) =>
    values.filter((v) => [r.properties.phone, r.properties.mobilephone].some((p) => p && samePhone(p, v))),
  );
}

/** Companies by domain (`domain IN […]`). */
export async function companiesByDomain(ctx: LookupContext, domains: readonly string[]) {
  const values = [...new Set(domains.map(normalizeDomain))];
  const requests = chunkForSearch(values, (chunk) => ({
    filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'IN', values: chunk }] }],
    properties: ['name', 'domain'],
  }));
  const records = await searchEach(ctx.hubspot, ctx.portalId, 'companies', requests, ctx.feature);
  return groupBy(values, records, (r) => [normalizeDomain(r.properties.domain ?? '')]);
}

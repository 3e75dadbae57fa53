import type { Portal, StoredObject } from '../state.ts';
import { validationFailure } from './crmErrors.ts';
import { fromFailure, type Outcome } from './outcome.ts';
import { toPublicObject } from './publicObject.ts';
import { storeOf } from './records.ts';
import { comparable, kindOf, matchesFilter } from './searchFilters.ts';
import { MAX_RESULTS, type SearchRequest } from './searchRequest.ts';

/**
 * Runs a parsed search over what the index has seen (eventual consistency, reference §3 [D]): a record is visible
 * in the version it had when last indexed; a write becomes visible `searchLagMs` after it happened. Archived
 * records never appear. Response: `{ total, results, paging? }` (§3, §12.5).
 */

/** Full-text `query` looks at these properties; HubSpot calls them "default searchable properties". [U] list */
const QUERY_PROPS: Record<string, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'hs_additional_emails'],
  companies: ['name', 'domain', 'website', 'phone'],
  deals: ['dealname', 'description'],
  tickets: ['subject', 'content'],
  products: ['name', 'description', 'hs_sku'],
  line_items: ['name', 'description'],
  meetings: ['hs_meeting_title', 'hs_meeting_body'],
  notes: ['hs_note_body'],
  tasks: ['hs_task_subject', 'hs_task_body'],
  communications: ['hs_communication_body'],
};

interface Visible {
  record: StoredObject;
  props: Record<string, string>;
}

/** The version of each record search currently sees (skipping never-indexed and archived ones). */
function indexedView(portal: Portal, objectType: string, now: number): Visible[] {
  const out: Visible[] = [];
  for (const record of storeOf(portal, objectType).values()) {
    const v =
      now >= record.searchableAt ? { properties: record.properties, archived: record.archived } : record.indexed;
    if (v && !v.archived) out.push({ record, props: v.properties });
  }
  return out;
}

function matchesQuery(objectType: string, props: Record<string, string>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return (QUERY_PROPS[objectType] ?? []).some((p) => props[p]?.toLowerCase().includes(q));
}

function sorter(portal: Portal, objectType: string, sort: SearchRequest['sort']) {
  const name = sort?.propertyName ?? 'hs_object_id';
  const dir = sort?.direction === 'DESCENDING' ? -1 : 1;
  const kind = kindOf(portal, objectType, name) ?? 'string';
  return (a: Visible, b: Visible) => {
    const x = a.props[name] === undefined ? undefined : comparable(kind, a.props[name]);
    const y = b.props[name] === undefined ? undefined : comparable(kind, b.props[name]);
    if (x === undefined || y === undefined)
      return x === y ? Number(a.record.id) - Number(b.record.id) : x === undefined ? 1 : -1;
    if (x === y) return Number(a.record.id) - Number(b.record.id);
    return x < y ? -dir : dir;
  };
}

/** Unknown filter/sort properties are rejected rather than silently matching nothing. [U] */
function unknownProperty(portal: Portal, objectType: string, req: SearchRequest): string | undefined {
  const names = req.filterGroups.flatMap((g) => g.filters.map((f) => f.propertyName));
  if (req.sort) names.push(req.sort.propertyName);
  return names.find((n) => !n.startsWith('associations.') && kindOf(portal, objectType, n) === undefined);
}

export function runSearch(portal: Portal, objectType: string, req: SearchRequest, now: number): Outcome {
  const unknown = unknownProperty(portal, objectType, req);
  if (unknown) return fromFailure(validationFailure(`Property "${unknown}" does not exist on ${objectType}.`));
  const hits = indexedView(portal, objectType, now)
    .filter(
      ({ record, props }) =>
        req.filterGroups.length === 0 ||
        req.filterGroups.some((g) => g.filters.every((f) => matchesFilter(portal, objectType, record.id, props, f))),
    )
    .filter(({ props }) => req.query === undefined || matchesQuery(objectType, props, req.query))
    .sort(sorter(portal, objectType, req.sort));
  const page = hits.slice(req.offset, req.offset + req.limit);
  const results = page.map(({ record, props }) =>
    toPublicObject(portal, objectType, { ...record, archived: false }, { properties: req.properties }, props),
  );
  const body: { total: number; results: unknown[]; paging?: unknown } = { total: hits.length, results };
  const nextOffset = req.offset + req.limit;
  if (req.limit > 0 && nextOffset < hits.length && nextOffset < MAX_RESULTS)
    body.paging = { next: { after: String(nextOffset) } };
  return { status: 200, body };
}

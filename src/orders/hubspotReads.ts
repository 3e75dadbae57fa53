import type { Client } from '@hubspot/api-client';
import { ASSOCIATIONS_READ_LIMIT, type BatchResponseBody, runInBatches } from '../hubspot/batching.ts';
import type { HubspotCall, HubspotCallOptions } from '../hubspot/hubspotCall.ts';

/**
 * Batch reads the orders code needs: records by id (≤ 100 per call, reference §2) and associations through the
 * v4 batch read (≤ 1,000 per call, §4.1). Ids HubSpot does not know are simply absent from the result: a deleted
 * contact must not stop an order.
 */
export type ObjectKind = 'deals' | 'companies' | 'contacts' | 'line_items';

export interface HubspotRecord {
  id: string;
  properties: Record<string, string | null>;
}

export interface AssociatedId {
  id: string;
  typeIds: number[];
}

type ReadInput = { inputs: { id: string }[]; properties: string[]; propertiesWithHistory: string[] };
type ReadOutput = Promise<BatchResponseBody<HubspotRecord>>;

const BATCH_READERS: Record<ObjectKind, (c: Client, input: ReadInput) => ReadOutput> = {
  deals: (c, input) => c.crm.deals.batchApi.read(input),
  companies: (c, input) => c.crm.companies.batchApi.read(input),
  contacts: (c, input) => c.crm.contacts.batchApi.read(input),
  line_items: (c, input) => c.crm.lineItems.batchApi.read(input),
};

export interface ReadOptions {
  priority?: HubspotCallOptions['priority'];
  /** Chunks in flight at once (the gateway's budget paces them anyway). */
  concurrency?: number;
}

/**
 * Reads records by id in chunks of 100. Returns the records found and the ids whose chunk failed outright
 * (429/5xx after the gateway's retries): callers decide whether a missing record is fatal.
 */
export async function readRecords(
  hubspot: HubspotCall,
  portalId: number,
  kind: ObjectKind,
  ids: readonly string[],
  properties: string[],
  opts: ReadOptions = {},
): Promise<{ records: Map<string, HubspotRecord>; failed: Map<string, unknown> }> {
  const unique = [...new Set(ids)].map((id) => ({ id }));
  const callOpts = { feature: 'orders', priority: opts.priority ?? 'background' };
  const outcomes = await runInBatches(
    unique,
    (chunk) =>
      hubspot(portalId, callOpts, (c) =>
        BATCH_READERS[kind](c, { inputs: chunk, properties, propertiesWithHistory: [] }),
      ),
    { concurrency: opts.concurrency ?? 1 },
  );
  const records = new Map<string, HubspotRecord>();
  const failed = new Map<string, unknown>();
  for (const o of outcomes) {
    if (o.ok) records.set(o.result.id, { id: o.result.id, properties: o.result.properties });
    else if (o.error.status !== 404 && o.error.category !== 'OBJECT_NOT_FOUND') failed.set(o.input.id, o.error);
  }
  return { records, failed };
}

/**
 * Associated ids per `from` id (v4 batch read). HubSpot answers an object without associations with a 207 error
 * for that id (sandbox [U] wording), so anything not in `results` simply has none.
 */
export async function readAssociations(
  hubspot: HubspotCall,
  portalId: number,
  from: ObjectKind,
  to: ObjectKind,
  ids: readonly string[],
  opts: ReadOptions = {},
): Promise<Map<string, AssociatedId[]>> {
  const out = new Map<string, AssociatedId[]>();
  const unique = [...new Set(ids)];
  const callOpts = { feature: 'orders', priority: opts.priority ?? 'background' };
  for (let i = 0; i < unique.length; i += ASSOCIATIONS_READ_LIMIT) {
    const inputs = unique.slice(i, i + ASSOCIATIONS_READ_LIMIT).map((id) => ({ id }));
    const res = await hubspot(portalId, callOpts, (c) => c.crm.associations.v4.batchApi.getPage(from, to, { inputs }));
    for (const r of res.results) {
      // [U] paging: more than one page of associations per deal (HubSpot pages at 500) is not followed here.
      const list = r.to.map((t) => ({ id: String(t.toObjectId), typeIds: t.associationTypes.map((a) => a.typeId) }));
      out.set(String(r._from.id), list);
    }
  }
  return out;
}

import { chunk } from '../../hubspot/batching.ts';
import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import { readAssociations } from '../../matching/crmAssociations.ts';
import { objectApis } from '../../matching/crmApi.ts';
import type { Pipelines } from './pipelineDirectory.ts';

/**
 * Open deals of contacts or companies, batched for many at once: one associations read (≤ 1,000 ids per call,
 * reference §4.1) and one deals batch read per 100 deals (§2). "Open" = the stage is not closed in its pipeline.
 */
export interface Deal {
  id: string;
  name: string;
  pipeline: string;
  stage: string;
  stageLabel: string;
  amount: string | null;
  isClosed: boolean;
}

export const DEAL_PROPERTIES = ['dealname', 'dealstage', 'pipeline', 'amount'];

/** Deals by id (batch read); unknown ids are left out. */
export async function readDeals(
  hubspot: HubspotCall,
  portalId: number,
  ids: readonly string[],
  pipelines: Pipelines,
  feature: string,
): Promise<Map<string, Deal>> {
  const out = new Map<string, Deal>();
  for (const part of chunk([...new Set(ids)], 100)) {
    const body = await hubspot(portalId, { feature, idempotent: true }, (client) =>
      objectApis(client, 'deals').batch.read({
        inputs: part.map((id) => ({ id })),
        properties: DEAL_PROPERTIES,
        propertiesWithHistory: [],
      }),
    );
    for (const r of body.results ?? []) {
      const pipeline = r.properties.pipeline ?? 'default';
      const stage = r.properties.dealstage ?? '';
      const info = pipelines.get(pipeline)?.stages.get(stage);
      out.set(r.id, {
        id: r.id,
        name: r.properties.dealname ?? '',
        pipeline,
        stage,
        stageLabel: info?.label ?? stage,
        amount: r.properties.amount ?? null,
        isClosed: info?.isClosed ?? false,
      });
    }
  }
  return out;
}

/** For each of `ids` (contacts or companies), its open deals. */
export async function openDealsOf(
  hubspot: HubspotCall,
  portalId: number,
  from: 'contacts' | 'companies',
  ids: readonly string[],
  pipelines: Pipelines,
  feature: string,
): Promise<Map<string, Deal[]>> {
  if (ids.length === 0) return new Map();
  const dealIds = await readAssociations(hubspot, portalId, from, 'deals', ids, feature);
  const deals = await readDeals(hubspot, portalId, [...dealIds.values()].flat(), pipelines, feature);
  const out = new Map<string, Deal[]>();
  for (const [id, list] of dealIds) {
    out.set(
      id,
      list.flatMap((d) => (deals.get(d) && !deals.get(d)!.isClosed ? [deals.get(d)!] : [])),
    );
  }
  return out;
}

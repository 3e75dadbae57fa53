import { type ItemError, runInBatches } from '../../hubspot/batching.ts';
import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import { type CrmObjectType, objectApis } from '../../matching/crmApi.ts';

/**
 * Batch updates (≤ 100 per call, reference §2). HubSpot rejects a batch naming one id twice, so callers merge
 * per record first. Returns, per record id, undefined on success or HubSpot's error for that record.
 */
export async function updateRecords(
  hubspot: HubspotCall,
  portalId: number,
  type: CrmObjectType,
  updates: ReadonlyMap<string, Record<string, string>>,
  feature: string,
): Promise<Map<string, ItemError | undefined>> {
  const inputs = [...updates].map(([id, properties]) => ({ id, properties }));
  const out = new Map<string, ItemError | undefined>();
  if (inputs.length === 0) return out;
  const results = await runInBatches(inputs, (chunk) =>
    hubspot(portalId, { feature, idempotent: true }, (client) =>
      objectApis(client, type).batch.update({ inputs: chunk }),
    ),
  );
  for (const r of results) out.set(r.input.id, r.ok ? undefined : r.error);
  return out;
}

/**
 * Adds default-typed associations from meetings to another type (v4 batch create, ≤ 2,000 per call, §4.1;
 * creating an association that exists changes nothing). Returns the meeting ids HubSpot reported errors for.
 */
export async function addMeetingAssociations(
  hubspot: HubspotCall,
  portalId: number,
  to: 'contacts' | 'companies' | 'deals',
  pairs: readonly { fromId: string; toId: string; typeId: number }[],
  feature: string,
): Promise<Set<string>> {
  const failed = new Set<string>();
  for (let i = 0; i < pairs.length; i += 2_000) {
    const part = pairs.slice(i, i + 2_000);
    const inputs = part.map((p) => ({
      _from: { id: p.fromId },
      to: { id: p.toId },
      types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: p.typeId }],
    }));
    const body = (await hubspot(portalId, { feature, idempotent: true }, (client) =>
      client.crm.associations.v4.batchApi.create('meetings', to, { inputs } as never),
    )) as { errors?: unknown[] };
    // Errors of this endpoint name records in context; which input is not reliable, so fail every meeting of the chunk.
    if ((body.errors ?? []).length > 0) for (const p of part) failed.add(p.fromId);
  }
  return failed;
}

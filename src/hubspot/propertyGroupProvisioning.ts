import { AppError } from '../errors.ts';
import { alreadyExists } from './errorStatus.ts';
import type { HubspotCall, HubspotCallOptions } from './hubspotCall.ts';

/**
 * Creates a property group and its properties on one object type where missing (reference §5): the group, then one
 * batch create. "Already exists" — a 409, or OBJECT_ALREADY_EXISTS items in a 207 — is fine, so it can run any
 * number of times. Shared by every capability that writes its own properties (sessions, WhatsApp).
 */
export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder?: number;
}

interface BatchErrorEntry {
  category?: string;
  message?: string;
}

export async function provisionPropertyGroup(
  hubspot: HubspotCall,
  portalId: number,
  target: { objectType: string; group: PropertyGroup; definitions: readonly { name: string }[]; what: string },
  opts: HubspotCallOptions,
): Promise<{ created: string[]; existing: string[] }> {
  const { objectType, group, definitions, what } = target;
  await hubspot(portalId, opts, (c) => c.crm.properties.groupsApi.create(objectType, { ...group })).catch(
    (err: unknown) => {
      if (!alreadyExists(err)) throw err;
    },
  );
  const names = definitions.map((d) => d.name);
  let res: { results: { name: string }[]; errors?: BatchErrorEntry[] };
  try {
    res = await hubspot(portalId, opts, (c) =>
      c.crm.properties.batchApi.create(objectType, { inputs: definitions as never }),
    );
  } catch (err) {
    if (alreadyExists(err)) return { created: [], existing: names }; // [U] a whole-batch 409: nothing new
    throw err;
  }
  const unexpected = (res.errors ?? []).filter((e) => e.category !== 'OBJECT_ALREADY_EXISTS');
  if (unexpected.length > 0) {
    const why = unexpected.map((e) => e.message ?? e.category).join('; ');
    throw new AppError('validation', `HubSpot refused the ${what} ${objectType} properties: ${why}`);
  }
  const created = res.results.map((p) => p.name);
  return { created, existing: names.filter((n) => !created.includes(n)) };
}

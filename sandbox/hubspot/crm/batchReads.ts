import type { Portal, SandboxState } from '../state.ts';
import { batchBody } from './batchResponses.ts';
import { fromFailure, type Outcome } from './outcome.ts';
import { toPublicObject } from './publicObject.ts';
import { archiveStored, storeOf } from './records.ts';
import { isCrmFailure, lookupRecord } from './recordLookup.ts';
import { batchArchive, batchRead, parseBody } from './requestBodies.ts';
import { MAX_BATCH_INPUTS } from './batchWrites.ts';
import { batchLimitFailure } from './crmErrors.ts';
import { upperSingular } from './scopes.ts';

/**
 * POST .../batch/read → 200, or 207 when some ids are missing: one OBJECT_NOT_FOUND error listing them in
 * `context.ids`, with HubSpot's wording "Could not get some CONTACT objects, ..." [U: recalled, not in reference].
 */
export function batchReadObjects(
  portal: Portal,
  objectType: string,
  raw: unknown,
  archived: boolean,
  now: number,
): Outcome {
  const parsed = parseBody(batchRead, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const { inputs, properties, idProperty } = parsed.value;
  if (inputs.length > MAX_BATCH_INPUTS) return fromFailure(batchLimitFailure(inputs.length));
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const { id } of inputs) {
    const found = lookupRecord(portal, objectType, id, idProperty, archived);
    if (isCrmFailure(found)) return fromFailure(found);
    if (found) results.push(toPublicObject(portal, objectType, found, { properties }));
    else missing.push(id);
  }
  if (missing.length === 0) return { status: 200, body: batchBody(now, results) };
  const error = {
    status: 'error' as const,
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${upperSingular(objectType)} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids: missing },
  };
  return { status: 207, body: batchBody(now, results, [error]) };
}

/** POST .../batch/archive → 204; unknown or already archived ids are ignored. [U] */
export function batchArchiveObjects(state: SandboxState, portal: Portal, objectType: string, raw: unknown): Outcome {
  const parsed = parseBody(batchArchive, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  if (parsed.value.inputs.length > MAX_BATCH_INPUTS) return fromFailure(batchLimitFailure(parsed.value.inputs.length));
  for (const { id } of parsed.value.inputs) {
    const record = storeOf(portal, objectType).get(id);
    if (record) archiveStored(state, portal, objectType, record);
  }
  return { status: 204 };
}

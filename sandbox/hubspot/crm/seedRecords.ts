import type { Portal, SandboxState, StoredObject } from '../state.ts';
import { associate } from './associationStore.ts';
import { defaultType, findType } from './associationTypes.ts';
import type { CrmFailure } from './crmErrors.ts';
import { archiveStored, findLive, type WriteOptions } from './records.ts';
import { commitWrite, isFailure, planContext, planCreate, planUpdate } from './writePlan.ts';

/**
 * Checked store helpers for seeds, demos and tests: the same validation as the API (unknown properties, options,
 * required properties, unique email, pipeline stages), but they throw instead of answering HTTP. They emit the
 * same ObjectChange events; pass `{ changeSource: 'CRM_UI' }` to simulate a user editing in HubSpot.
 */
function explain(f: CrmFailure): Error {
  return new Error(`HubSpot sandbox rejected the write (${f.status} ${f.body.category}): ${f.body.message}`);
}

/** Creates a record as POST /crm/v3/objects/{type} would; throws on invalid input. */
export function createRecord(
  state: SandboxState,
  portal: Portal,
  objectType: string,
  properties: Record<string, string>,
  opts: WriteOptions = {},
): StoredObject {
  const ctx = planContext(state, portal, objectType);
  const plan = planCreate(ctx, properties);
  if (isFailure(plan)) throw explain(plan);
  return commitWrite(ctx, plan, opts);
}

/** Updates a live record as PATCH would; throws when it does not exist or the values are invalid. */
export function updateRecord(
  state: SandboxState,
  portal: Portal,
  objectType: string,
  id: string,
  properties: Record<string, string>,
  opts: WriteOptions = {},
): StoredObject {
  const record = findLive(portal, objectType, id);
  if (!record) throw new Error(`No live ${objectType} record ${id} in portal ${portal.id}`);
  const ctx = planContext(state, portal, objectType);
  const plan = planUpdate(ctx, record, properties);
  if (isFailure(plan)) throw explain(plan);
  return commitWrite(ctx, plan, opts);
}

/** Archives a record as DELETE would (no-op when unknown). */
export function archiveRecord(
  state: SandboxState,
  portal: Portal,
  objectType: string,
  id: string,
  opts: WriteOptions = {},
) {
  const record = findLive(portal, objectType, id);
  if (record) archiveStored(state, portal, objectType, record, opts);
}

/** Associates two live records with the pair's default type, or with `typeId` (HUBSPOT_DEFINED) when given. */
export function associateRecords(
  portal: Portal,
  from: { type: string; id: string },
  to: { type: string; id: string },
  typeId?: number,
): void {
  const def = typeId === undefined ? defaultType(from.type, to.type) : findType(from.type, to.type, typeId);
  if (!def) throw new Error(`No association type ${typeId ?? '(default)'} from ${from.type} to ${to.type}`);
  if (!findLive(portal, from.type, from.id) || !findLive(portal, to.type, to.id)) {
    throw new Error(`Cannot associate ${from.type} ${from.id} with ${to.type} ${to.id}: a record is missing`);
  }
  associate(portal, from, to, [def]);
}

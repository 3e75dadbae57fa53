import { readRecords } from '../../../sandbox/hubspot/controlPlane.ts';
import type { SandboxState, StoredObject } from '../../../sandbox/hubspot/state.ts';

/** What the sandbox holds: records of a type and a record's associations as `toType:toId:typeId`, sorted. */
export function records(state: SandboxState, portalId: number, type: string): StoredObject[] {
  return readRecords(state, portalId, type);
}

export function associationsOf(state: SandboxState, portalId: number, type: string, id: string): string[] {
  const portal = state.portal(portalId)!;
  return portal.associations
    .filter((a) => a.fromType === type && a.fromId === id)
    .flatMap((a) => a.types.map((t) => `${a.toType}:${a.toId}:${t.typeId}`))
    .sort();
}

/** Write requests among logged calls (creates, updates, association writes). */
export function writes(calls: { method: string; path: string }[]): string[] {
  return calls
    .filter((c) => c.method !== 'GET' && !c.path.endsWith('/search') && !c.path.endsWith('/batch/read'))
    .map((c) => `${c.method} ${c.path}`);
}

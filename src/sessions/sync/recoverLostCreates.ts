import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import { chunkForSearch, searchEach } from '../../matching/crmSearch.ts';
import { SESSION_PROPS } from '../properties.ts';
import type { WriteLog, WriteRecord } from '../writeLog.ts';
import type { SessionFailures } from './execContext.ts';

/**
 * A `sending` record means a create went out and its answer never got recorded (crash, timeout, dropped
 * connection): HubSpot may or may not have the record. It is looked up by its sync key — by search, which is
 * eventually consistent (reference §3), so only once `graceMs` has passed since the request; until then the
 * session is deferred (retryable) rather than risking a duplicate. Found → recorded as written; not found →
 * forgotten, so the normal path creates it.
 */
export type WriteRecords = Map<string, Map<string, WriteRecord>>;

export async function recoverLostCreates(
  ctx: { hubspot: HubspotCall; portalId: number; writes: WriteLog; now: () => number },
  records: WriteRecords,
  graceMs: number,
  failures: SessionFailures,
): Promise<void> {
  const lost = [...records.values()].flatMap((m) => [...m.values()]).filter((r) => r.state === 'sending');
  const ready = lost.filter((r) => ctx.now() - r.sentAt >= graceMs);
  for (const r of lost.filter((x) => !ready.includes(x))) {
    const wait = Math.ceil((graceMs - (ctx.now() - r.sentAt)) / 1000);
    failures.fail(
      r.sessionId,
      `an earlier attempt's create has no recorded answer; checking HubSpot in ${wait}s, once search has caught up`,
      true,
    );
  }
  for (const type of ['meetings', 'tasks'] as const) {
    const ofType = ready.filter((r) => r.objectType === type);
    if (ofType.length === 0) continue;
    const requests = chunkForSearch(
      ofType.map((r) => r.syncKey),
      (keys) => ({
        filterGroups: [
          {
            filters: [
              { propertyName: SESSION_PROPS.syncKey, operator: 'IN', values: keys.map((k) => k.toLowerCase()) },
            ],
          },
        ],
        properties: [SESSION_PROPS.syncKey],
      }),
    );
    const found = await searchEach(ctx.hubspot, ctx.portalId, type, requests, `sessions.recovery`);
    const idByKey = new Map(found.map((f) => [(f.properties[SESSION_PROPS.syncKey] ?? '').toLowerCase(), f.id]));
    for (const r of ofType) settle(ctx, records, r, idByKey.get(r.syncKey.toLowerCase()));
  }
}

function settle(
  ctx: { portalId: number; writes: WriteLog; now: () => number },
  records: WriteRecords,
  r: WriteRecord,
  id?: string,
) {
  const bySession = records.get(r.sessionId)!;
  if (id === undefined) {
    ctx.writes.forgetSending(ctx.portalId, r.sessionId, r.itemKey);
    bySession.delete(r.itemKey);
    return;
  }
  const write = { ...r, propsHash: r.propsHash ?? '' };
  ctx.writes.markWritten(ctx.portalId, write, id, ctx.now());
  bySession.set(r.itemKey, { ...r, state: 'written', hubspotId: id });
}

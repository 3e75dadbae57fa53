import { contactProperties } from '../contactUpdate.ts';
import type { SessionRecordsRepo } from '../sessionRecordsRepo.ts';
import type { StoredSession } from '../sessionStore.ts';
import { stableHash } from '../stableHash.ts';
import type { SyncOptions } from '../syncOptions.ts';
import { type ExecContext, retryableStatus, type SessionFailures } from './execContext.ts';
import type { SessionPlan } from './planSession.ts';
import { updateRecords } from './recordUpdates.ts';

/**
 * Contact and deal property updates, merged per record across all sessions of the run (a batch update may not
 * name a record twice) and skipped when the values equal what we last wrote (0051 `record_writes`): re-running a
 * sync costs no call and changes nothing.
 */
export async function executeContactUpdates(
  ctx: ExecContext,
  records: SessionRecordsRepo,
  options: SyncOptions,
  plans: readonly SessionPlan[],
  failures: SessionFailures,
): Promise<void> {
  const ids = [...new Set(plans.flatMap((p) => p.contactIds))];
  const history = records.sessionsOf(ctx.portalId, 'contact', ids);
  const lastWritten = ctx.writes.recordHashes(ctx.portalId, 'contacts', ids);
  const updates = new Map<string, Record<string, string>>();
  for (const id of ids) {
    const props = contactProperties(
      history.filter((h) => h.objectId === id),
      options.updateEngagementScore,
    );
    if (Object.keys(props).length > 0 && lastWritten.get(id) !== stableHash(props)) updates.set(id, props);
  }
  const errors = await updateRecords(ctx.hubspot, ctx.portalId, 'contacts', updates, 'sessions.contacts');
  for (const [id, error] of errors) {
    if (!error) ctx.writes.saveRecordHash(ctx.portalId, 'contacts', id, stableHash(updates.get(id)), ctx.now());
    else {
      for (const p of plans.filter((x) => x.contactIds.includes(id))) {
        failures.fail(p.sessionId, `could not update contact ${id}: ${error.message}`, retryableStatus(error.status));
      }
    }
  }
}

/**
 * Recommended deal updates. One per deal per run (the latest conversation wins); a session whose stored result
 * already applied the same update at the same revision is not applied again, so re-running an older session
 * cannot undo a newer one's stage.
 */
export async function executeDealUpdates(
  ctx: ExecContext,
  plans: readonly SessionPlan[],
  stored: ReadonlyMap<string, StoredSession>,
  failures: SessionFailures,
): Promise<void> {
  const updates = new Map<string, { props: Record<string, string>; sessionIds: string[]; startMs: number }>();
  for (const p of plans) {
    const u = p.dealUpdate;
    if (u?.status !== 'updated' || alreadyApplied(p, stored.get(p.sessionId))) continue;
    const startMs = Date.parse(stored.get(p.sessionId)!.session.startTime);
    const earlier = updates.get(u.dealId);
    if (!earlier || earlier.startMs <= startMs)
      updates.set(u.dealId, { props: u.properties, sessionIds: [p.sessionId], startMs });
  }
  const props = new Map([...updates].map(([id, u]) => [id, u.props]));
  const errors = await updateRecords(ctx.hubspot, ctx.portalId, 'deals', props, 'sessions.deals');
  for (const [id, error] of errors) {
    if (!error) continue;
    for (const sessionId of updates.get(id)!.sessionIds) {
      failures.fail(sessionId, `could not update deal ${id}: ${error.message}`, retryableStatus(error.status));
    }
  }
}

function alreadyApplied(plan: SessionPlan, s: StoredSession | undefined): boolean {
  const before = s?.result;
  return before?.revision === plan.revision && stableHash(before.dealUpdate) === stableHash(plan.dealUpdate);
}

import { isAppError } from '../../errors.ts';
import { parseErrorBody } from '../../hubspot/errorBody.ts';
import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import type { MatchingEngine } from '../../matching/index.ts';
import type { SessionRecordsRepo } from '../sessionRecordsRepo.ts';
import type { SessionStore, StoredSession } from '../sessionStore.ts';
import type { SessionSyncResult } from '../syncResult.ts';
import type { SyncOptionsRepo } from '../syncOptionsRepo.ts';
import type { WriteLog } from '../writeLog.ts';
import { retryableStatus } from './execContext.ts';
import type { OwnerDirectory } from './ownerDirectory.ts';
import type { PipelineDirectory } from './pipelineDirectory.ts';
import { type RunOutput, runSync } from './runSync.ts';

/**
 * Syncs stored sessions of one portal into HubSpot and records the outcome on each session (synced with its
 * result, or failed with a reason and whether a retry may help). Phase 2's job handler calls `syncSessions`
 * with the ids due; re-running is always safe: what was written is recorded and not written again.
 */
export interface SessionSyncDeps {
  hubspot: HubspotCall;
  store: SessionStore;
  records: SessionRecordsRepo;
  options: SyncOptionsRepo;
  writes: WriteLog;
  matching: MatchingEngine;
  owners: OwnerDirectory;
  pipelines: PipelineDirectory;
  now?: () => number;
  /** Link to the full summary (meeting external URL, timeline event); phase 2 builds it from the public origin. */
  summaryUrl?: (portalId: number, sessionId: string) => string;
  /** How long after a create without a recorded answer search is trusted to show it (default 60 s). */
  recoveryGraceMs?: number;
}

export type SessionOutcome =
  | { sessionId: string; status: 'synced'; result: SessionSyncResult }
  | { sessionId: string; status: 'failed'; reason: string; retryable: boolean }
  | { sessionId: string; status: 'unchanged' | 'not_found' | 'superseded' };

export function createSessionSync(deps: SessionSyncDeps) {
  const now = deps.now ?? Date.now;

  async function syncSessions(portalId: number, sessionIds: readonly string[], opts: { force?: boolean } = {}) {
    const outcomes: SessionOutcome[] = [];
    const todo: StoredSession[] = [];
    for (const sessionId of new Set(sessionIds)) {
      const stored = deps.store.get(portalId, sessionId);
      if (!stored) outcomes.push({ sessionId, status: 'not_found' });
      else if (!opts.force && stored.status === 'synced' && stored.syncedRevision === stored.revision) {
        outcomes.push({ sessionId, status: 'unchanged' });
      } else todo.push(stored);
    }
    if (todo.length === 0) return outcomes;
    let run: RunOutput;
    try {
      run = await runSync(deps, portalId, todo);
    } catch (err) {
      const { reason, retryable } = describeError(err);
      for (const s of todo) deps.store.markFailed(portalId, s.session.sessionId, s.revision, reason, retryable, now());
      return [
        ...outcomes,
        ...todo.map((s): SessionOutcome => ({ sessionId: s.session.sessionId, status: 'failed', reason, retryable })),
      ];
    }
    return [...outcomes, ...todo.map((s) => finish(portalId, s, run))];
  }

  function finish(portalId: number, s: StoredSession, run: RunOutput): SessionOutcome {
    const sessionId = s.session.sessionId;
    const failure = run.failures.get(sessionId);
    if (failure) {
      deps.store.markFailed(portalId, sessionId, s.revision, failure.reason, failure.retryable, now());
      return { sessionId, status: 'failed', ...failure };
    }
    const plan = run.plans.get(sessionId)!;
    const result: SessionSyncResult = {
      revision: plan.revision,
      meetingId: run.meetingIds.get(sessionId)!,
      tasks: run.tasks.get(sessionId) ?? [],
      contactIds: plan.contactIds,
      companyIds: plan.companyIds,
      dealIds: plan.dealIds,
      participants: plan.participants,
      dealUpdate: plan.dealUpdate,
      timelineEvents: plan.timelineEvents,
    };
    if (!deps.store.markSynced(portalId, sessionId, result, now())) return { sessionId, status: 'superseded' };
    return { sessionId, status: 'synced', result };
  }

  return {
    syncSessions,
    /** Syncs one session (the card's re-sync, a realtime job). */
    async syncSession(portalId: number, sessionId: string, opts: { force?: boolean } = {}): Promise<SessionOutcome> {
      return (await syncSessions(portalId, [sessionId], opts))[0]!;
    },
  };
}

export type SessionSync = ReturnType<typeof createSessionSync>;

const RETRYABLE_CODES = new Set(['rate_limited', 'upstream_unavailable', 'token_expired', 'internal']);

/** A whole-run failure as a reason and whether a retry may help (AppError from the gateway, or an SDK ApiException). */
export function describeError(err: unknown): { reason: string; retryable: boolean } {
  if (isAppError(err)) return { reason: err.message, retryable: RETRYABLE_CODES.has(err.code) };
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number') {
    const body = parseErrorBody((err as { body?: unknown }).body);
    return { reason: `HubSpot answered ${code}: ${body.message ?? 'no message'}`, retryable: retryableStatus(code) };
  }
  const reason = err instanceof Error ? err.message : String(err);
  return { reason: `sync failed before HubSpot answered: ${reason}`, retryable: true };
}

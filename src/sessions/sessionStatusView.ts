import type { SessionStatus } from '@switchboard/contract';
import type { Job } from '../jobs/index.ts';
import type { StoredSession } from './sessionStore.ts';
import type { DealUpdateResult, TimelineEffect } from './syncResult.ts';

/**
 * What `GET /api/sessions/:id` answers the conversation platform: pending / synced / failed, why, whether a retry
 * is still coming (the session's sync job), and what was written to HubSpot with the reason each participant matched.
 */
export interface SessionStatusView {
  sessionId: string;
  revision: number;
  status: SessionStatus;
  /** Why it failed (HubSpot's words where it answered), or null. */
  reason: string | null;
  /** For failed: whether trying again can help (a retry is then scheduled while `sync.nextAttemptAt` is set). */
  retryable: boolean | null;
  receivedAt: string;
  syncedAt: string | null;
  sync: {
    job: Job['status'];
    attempts: number;
    maxAttempts: number;
    nextAttemptAt: string | null;
    lastError: string | null;
  } | null;
  result: {
    revision: number;
    meetingId: string;
    tasks: { title: string; taskId: string; ownerId: string | null; ownerReason: string }[];
    contactIds: string[];
    companyIds: string[];
    dealIds: string[];
    dealUpdate: DealUpdateResult | null;
    participants: {
      name: string | null;
      email: string | null;
      contactId: string | null;
      outcome: string;
      rule: string;
      reason: string;
      companyId: string | null;
      companyReason: string;
    }[];
    timeline: { events: number; posted: number };
  } | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function syncView(job: Job | undefined): SessionStatusView['sync'] {
  if (!job) return null;
  return {
    job: job.status,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    nextAttemptAt: job.status === 'pending' ? iso(job.runAt) : null,
    lastError: job.lastError ? `${job.lastError.code}: ${job.lastError.message}` : null,
  };
}

/** The view of one stored session; `posted` says whether a timeline event is on its record yet. */
export function sessionStatusView(
  s: StoredSession,
  job: Job | undefined,
  posted: (e: TimelineEffect) => boolean,
): SessionStatusView {
  const r = s.result;
  return {
    sessionId: s.session.sessionId,
    revision: s.revision,
    status: s.status,
    reason: s.statusReason,
    retryable: s.retryable,
    receivedAt: iso(s.receivedAt)!,
    syncedAt: iso(s.syncedAt),
    sync: syncView(job),
    result: r && {
      revision: r.revision,
      meetingId: r.meetingId,
      tasks: r.tasks.map((t) => ({ title: t.title, taskId: t.taskId, ownerId: t.ownerId, ownerReason: t.ownerReason })),
      contactIds: r.contactIds,
      companyIds: r.companyIds,
      dealIds: r.dealIds,
      dealUpdate: r.dealUpdate,
      participants: r.participants.map((p) => ({
        name: p.name,
        email: p.email,
        contactId: p.contact.id,
        outcome: p.contact.outcome,
        rule: p.contact.rule,
        reason: p.contact.reason,
        companyId: p.company.id,
        companyReason: p.company.reason,
      })),
      timeline: { events: r.timelineEvents.length, posted: r.timelineEvents.filter(posted).length },
    },
  };
}

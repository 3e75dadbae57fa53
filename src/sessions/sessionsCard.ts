import type {
  SessionCardItem,
  SessionResyncRequest,
  SessionResyncResponse,
  SessionsListQuery,
  SessionsListResponse,
} from '@switchboard/contract';
import { chunk } from '../hubspot/batching.ts';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import { objectApis } from '../matching/crmApi.ts';
import type { SessionRecordsRepo } from './sessionRecordsRepo.ts';
import type { SessionStore, StoredSession } from './sessionStore.ts';
import { itemKeys } from './sync/taskPlan.ts';

/**
 * The Sessions card's service functions (phase 2 routes call these after parsing with the contract schemas): a
 * record's sessions newest first with paging, each with its action items' HubSpot task status (one batch read per
 * 100 tasks, interactive priority: a rep is waiting) and why each participant matched; and re-sync of a failed one.
 */
export interface SessionsCardDeps {
  hubspot: HubspotCall;
  store: SessionStore;
  records: SessionRecordsRepo;
}

export async function listSessionsForRecord(
  deps: SessionsCardDeps,
  q: SessionsListQuery,
): Promise<SessionsListResponse> {
  const page = deps.records.page(q.portalId, { type: q.objectType, id: q.objectId }, q.limit, q.cursor);
  const stored = page.sessionIds.flatMap((id) => deps.store.get(q.portalId, id) ?? []);
  const taskIds = stored.flatMap((s) => s.result?.tasks.map((t) => t.taskId) ?? []);
  const statuses = await taskStatuses(deps.hubspot, q.portalId, taskIds);
  return { sessions: stored.map((s) => cardItem(s, statuses)), nextCursor: page.nextCursor };
}

/** Puts a failed session back in line; phase 2 then enqueues its sync job. */
export function resyncSession(store: SessionStore, req: SessionResyncRequest, now: number): SessionResyncResponse {
  const s = store.get(req.portalId, req.sessionId);
  if (!s) return { sessionId: req.sessionId, status: 'failed', message: 'No such session in this HubSpot account.' };
  if (store.requestResync(req.portalId, req.sessionId, now)) {
    return { sessionId: req.sessionId, status: 'pending', message: 'Queued for another sync.' };
  }
  const message = s.status === 'synced' ? 'Already synced; nothing to do.' : 'Already waiting for its sync.';
  return { sessionId: req.sessionId, status: s.status, message };
}

export function cardItem(s: StoredSession, statuses: ReadonlyMap<string, string>): SessionCardItem {
  const { session, result } = s;
  const taskOf = new Map((result?.tasks ?? []).map((t) => [t.itemKey, t.taskId]));
  const keys = itemKeys(session.summary.actionItems);
  return {
    sessionId: session.sessionId,
    title: session.title,
    startTime: session.startTime,
    durationSeconds: session.durationSeconds,
    status: s.status,
    statusReason: s.statusReason,
    brief: session.summary.brief,
    keyPoints: session.summary.keyPoints,
    nextSteps: session.summary.nextSteps,
    sentiment: session.summary.sentiment,
    meetingId: result?.meetingId ?? null,
    actionItems: session.summary.actionItems.map((a, i) => {
      const taskId = taskOf.get(keys[i]!) ?? null;
      const base = {
        title: a.title,
        priority: a.priority,
        dueDate: a.dueDate ?? null,
        assigneeEmail: a.assigneeEmail ?? null,
      };
      return { ...base, taskId, taskStatus: taskId ? (statuses.get(taskId) ?? null) : null };
    }),
    participants: (result?.participants ?? []).map((p) => ({
      name: p.name,
      email: p.email,
      contactId: p.contact.id,
      outcome: p.contact.outcome,
      rule: p.contact.rule,
      reason: p.contact.reason,
    })),
  };
}

async function taskStatuses(hubspot: HubspotCall, portalId: number, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunk([...new Set(ids)], 100)) {
    const opts = { feature: 'sessions.card', priority: 'interactive' as const, idempotent: true };
    const body = await hubspot(portalId, opts, (client) =>
      objectApis(client, 'tasks').batch.read({
        inputs: part.map((id) => ({ id })),
        properties: ['hs_task_status'],
        propertiesWithHistory: [],
      }),
    );
    for (const r of body.results ?? []) if (r.properties.hs_task_status) out.set(r.id, r.properties.hs_task_status);
  }
  return out;
}

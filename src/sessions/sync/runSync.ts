import type { Pipelines } from './pipelineDirectory.ts';
import type { StoredSession } from '../sessionStore.ts';
import type { TaskResult } from '../syncResult.ts';
import type { SyncOptions } from '../syncOptions.ts';
import { dealsPerSession } from './dealsPerSession.ts';
import { type ExecContext, SessionFailures } from './execContext.ts';
import { executeMeetings } from './executeMeetings.ts';
import { executeContactUpdates, executeDealUpdates } from './executeRecordUpdates.ts';
import { executeTasks } from './executeTasks.ts';
import { matchingFailure, matchSessionParticipants } from './participants.ts';
import { planSession, type SessionPlan } from './planSession.ts';
import { recoverLostCreates } from './recoverLostCreates.ts';
import type { SessionSyncDeps } from './sessionSync.ts';

/**
 * One sync run over many sessions of one portal, batched across sessions at every step:
 * owners → participants matched together → open deals → plans → session↔record links → lost creates recovered →
 * meetings → tasks → contact updates → deal updates. A session that fails at a step is left out of later ones.
 */
export interface RunOutput {
  plans: Map<string, SessionPlan>;
  meetingIds: Map<string, string>;
  tasks: Map<string, TaskResult[]>;
  failures: SessionFailures;
}

const needsPipelines = (options: SyncOptions, todo: readonly StoredSession[]) =>
  options.dealAssociation !== 'none' || todo.some((s) => s.session.summary.recommendedDealUpdate);

export async function runSync(
  deps: SessionSyncDeps,
  portalId: number,
  todo: readonly StoredSession[],
): Promise<RunOutput> {
  const failures = new SessionFailures();
  const options = deps.options.get(portalId);
  const plans = await planAll(deps, portalId, todo, options, failures);
  linkRecords(deps, portalId, [...plans.values()], todo);
  const ctx: ExecContext = { hubspot: deps.hubspot, portalId, writes: deps.writes, now: deps.now ?? Date.now };
  const records = deps.writes.forSessions(portalId, [...plans.keys()]);
  await recoverLostCreates(ctx, records, deps.recoveryGraceMs ?? 60_000, failures);
  const live = () => [...plans.values()].filter((p) => !failures.has(p.sessionId));
  const meetingIds = await executeMeetings(ctx, live(), records, failures);
  const tasks = await executeTasks(ctx, live(), records, failures);
  await executeContactUpdates(ctx, deps.records, options, live(), failures);
  await executeDealUpdates(ctx, live(), new Map(todo.map((s) => [s.session.sessionId, s])), failures);
  return { plans, meetingIds, tasks, failures };
}

/** Reads (owners, pipelines, matches, deals) for all sessions at once, then plans each; failed matches drop out. */
async function planAll(
  deps: SessionSyncDeps,
  portalId: number,
  todo: readonly StoredSession[],
  options: SyncOptions,
  failures: SessionFailures,
): Promise<Map<string, SessionPlan>> {
  const owners = await deps.owners.byEmail(portalId);
  const pipelines: Pipelines = needsPipelines(options, todo) ? await deps.pipelines.deals(portalId) : new Map();
  const participants = await matchSessionParticipants(deps.matching, portalId, todo, owners, options);
  for (const [sessionId, results] of participants) {
    const f = matchingFailure(results);
    if (f) failures.fail(sessionId, f.reason, f.retryable);
  }
  const active = todo.filter((s) => !failures.has(s.session.sessionId));
  const matched = new Map(active.map((s) => [s.session.sessionId, participants.get(s.session.sessionId)!]));
  const deals = await dealsPerSession(deps.hubspot, portalId, options.dealAssociation, matched, pipelines);
  const planOne = (stored: StoredSession): [string, SessionPlan] => {
    const sessionId = stored.session.sessionId;
    const summaryUrl = deps.summaryUrl?.(portalId, sessionId);
    const dealsOf = deals.get(sessionId) ?? [];
    const input = {
      portalId,
      stored,
      participants: matched.get(sessionId)!,
      deals: dealsOf,
      owners,
      options,
      pipelines,
      summaryUrl,
    };
    return [sessionId, planSession(input)];
  };
  return new Map(active.map(planOne));
}

function linkRecords(deps: SessionSyncDeps, portalId: number, plans: SessionPlan[], todo: readonly StoredSession[]) {
  const startOf = new Map(todo.map((s) => [s.session.sessionId, Date.parse(s.session.startTime)]));
  for (const p of plans) {
    deps.records.link(portalId, p.sessionId, startOf.get(p.sessionId)!, [
      ...p.contactIds.map((id) => ({ type: 'contact' as const, id })),
      ...p.companyIds.map((id) => ({ type: 'company' as const, id })),
      ...p.dealIds.map((id) => ({ type: 'deal' as const, id })),
    ]);
  }
}

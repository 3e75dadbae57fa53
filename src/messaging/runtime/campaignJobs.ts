import type { EnqueueInput, JobHandler } from '../../jobs/index.ts';
import type { CampaignEngine } from '../campaigns/engine.ts';
import type { EnrollmentsRepo } from '../campaigns/enrollmentsRepo.ts';
import { WHATSAPP_JOBS } from './jobTypes.ts';
import { sendJob } from './sendJob.ts';

/**
 * Campaigns on the queue: a sweep (every `periodMs`) enqueues one tick job per portal with due enrollments;
 * the tick advances them (business hours, waits, branches, stop on reply / opt-out / goal) and turns each due
 * step into a `whatsapp.send` job keyed by enrollment, step and visit, so a tick that runs twice sends once.
 * Throughput and the pair rate are the send gate's job (portalProviders.ts): every sender shares it.
 */
export const CAMPAIGN_TICK_LIMIT = 500;
/** A tick job stops after this many rounds and leaves the rest to the next sweep (never loops forever). */
const MAX_ROUNDS = 20;

export function campaignTickJob(portalId: number, now: number, periodMs: number): EnqueueInput {
  return {
    type: WHATSAPP_JOBS.campaignTick,
    portalId,
    idempotencyKey: `${WHATSAPP_JOBS.campaignTick}:${portalId}:p${Math.floor(now / periodMs)}`,
    payload: null,
  };
}

/** Enqueues the due portals' tick jobs; returns how many portals had due enrollments. */
export function sweepCampaigns(deps: {
  enrollments: Pick<EnrollmentsRepo, 'portalsDue'>;
  queue: { enqueueManySync(inputs: readonly EnqueueInput[]): unknown };
  now: number;
  periodMs: number;
}): number {
  const portals = deps.enrollments.portalsDue(deps.now);
  if (portals.length > 0) deps.queue.enqueueManySync(portals.map((p) => campaignTickJob(p, deps.now, deps.periodMs)));
  return portals.length;
}

export function campaignTickHandler(deps: {
  engine: Pick<CampaignEngine, 'tick'>;
  queue: { enqueueManySync(inputs: readonly EnqueueInput[]): unknown };
  now: () => number;
}): JobHandler {
  return async ({ job }) => {
    let advanced = 0;
    let sends = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const report = await deps.engine.tick(deps.now(), CAMPAIGN_TICK_LIMIT, job.portalId);
      advanced += report.advanced;
      const jobs = report.actions.map((a) =>
        sendJob(a.portalId, {
          contactId: a.contactId,
          content: {
            kind: 'template',
            name: a.template,
            ...(a.language ? { language: a.language } : {}),
            ...(a.overrides ? { overrides: Object.fromEntries(Object.entries(a.overrides)) } : {}),
          },
          idempotencyKey: a.idempotencyKey,
          campaign: { campaignId: a.campaignId, enrollmentId: a.enrollmentId },
        }),
      );
      if (jobs.length > 0) deps.queue.enqueueManySync(jobs);
      sends += jobs.length;
      if (report.advanced + report.lostRaces < CAMPAIGN_TICK_LIMIT) break;
    }
    return { advanced, sends };
  };
}

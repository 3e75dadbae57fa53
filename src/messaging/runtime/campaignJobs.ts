import type { EnqueueInput, JobHandler } from '../../jobs/index.ts';
import type { CampaignDefinition } from '../campaigns/definition.ts';
import type { CampaignEngine, CampaignSendAction } from '../campaigns/engine.ts';
import type { TemplatesRepo } from '../templatesRepo.ts';
import type { EnrollmentsRepo } from '../campaigns/enrollmentsRepo.ts';
import { WHATSAPP_JOBS } from './jobTypes.ts';
import { sendJob } from './sendJob.ts';

/**
 * Campaigns on the queue: a sweep (every `periodMs`) enqueues one tick job per portal with due enrollments;
 * the tick advances them (business hours, waits, branches, stop on reply / opt-out / goal) and each due step becomes
 * a `whatsapp.send` job keyed by enrollment, step and visit — enqueued in the transaction that saves the advance —
 * so a tick that runs twice sends once and a crash between the two loses nothing.
 * Throughput and the pair rate are the send gate's job (portalProviders.ts): every sender shares it.
 */
export const CAMPAIGN_TICK_LIMIT = 500;
/** Campaign sends are claimed before CRM-effect jobs, which wait on HubSpot's rate budget rather than WhatsApp's. */
export const CAMPAIGN_SEND_PRIORITY = 5;
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

/** The send job of a campaign step; enqueued in the transaction that advances the enrollment (engine onSends). */
export function campaignSendJob(a: CampaignSendAction): EnqueueInput {
  return sendJob(
    a.portalId,
    {
      contactId: a.contactId,
      content: {
        kind: 'template',
        name: a.template,
        ...(a.language ? { language: a.language } : {}),
        ...(a.overrides ? { overrides: Object.fromEntries(Object.entries(a.overrides)) } : {}),
      },
      idempotencyKey: a.idempotencyKey,
      campaign: { campaignId: a.campaignId, enrollmentId: a.enrollmentId },
      contact: a.contact,
    },
    CAMPAIGN_SEND_PRIORITY,
  );
}

/** Contact properties a campaign's send steps map (read in the tick's batch, carried to the send). */
export function sendStepProperties(
  templates: Pick<TemplatesRepo, 'find'>,
  defaultLanguage: (portalId: number) => string,
): (portalId: number, definition: CampaignDefinition) => string[] {
  return (portalId, definition) =>
    definition.steps.flatMap((step) => {
      if (step.type !== 'send_template') return [];
      const template = templates.find(portalId, step.template, step.language ?? defaultLanguage(portalId));
      return (template?.mapping ?? []).flatMap((m) => (m.source.from === 'contact' ? [m.source.property] : []));
    });
}

export function campaignTickHandler(deps: { engine: Pick<CampaignEngine, 'tick'>; now: () => number }): JobHandler {
  return async ({ job }) => {
    let advanced = 0;
    let sends = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const report = await deps.engine.tick(deps.now(), CAMPAIGN_TICK_LIMIT, job.portalId);
      advanced += report.advanced;
      sends += report.actions.length;
      if (report.advanced + report.lostRaces < CAMPAIGN_TICK_LIMIT) break;
    }
    return { advanced, sends };
  };
}

import type { SessionSummary } from '../sessionSchema.ts';
import type { DealUpdateResult } from '../syncResult.ts';
import type { SyncOptions } from '../syncOptions.ts';
import type { Deal } from './dealLookup.ts';
import { findStage, type Pipelines } from './pipelineDirectory.ts';

/**
 * The recommended deal update (stage + next step), applied only when the sync options allow it and the
 * conversation is about exactly one open deal: with several, picking one would be a guess. A stage is accepted by
 * id or label, and only if the deal's own pipeline has it (HubSpot rejects a stage of another pipeline).
 */
/** [U] HubSpot's default deal property "Next step"; the sandbox's standard schema lacks it (tests provision it). */
export const DEAL_NEXT_STEP_PROPERTY = 'hs_next_step';

const skipped = (reason: string): DealUpdateResult => ({ status: 'skipped', reason });

export function planDealUpdate(
  summary: SessionSummary,
  deals: readonly Deal[],
  options: SyncOptions,
  pipelines: Pipelines,
): DealUpdateResult | null {
  const rec = summary.recommendedDealUpdate;
  if (!rec) return null;
  if (!options.allowDealStageUpdate) return skipped('deal updates are turned off in the sync options');
  if (deals.length !== 1) {
    return skipped(
      deals.length === 0
        ? 'no open deal on this conversation'
        : `${deals.length} open deals on this conversation; not guessing which one`,
    );
  }
  const deal = deals[0]!;
  const properties: Record<string, string> = {};
  const notes: string[] = [];
  if (rec.stage) {
    const stage = findStage(pipelines, deal.pipeline, rec.stage);
    if (!stage) notes.push(`stage "${rec.stage}" is not in the deal's pipeline`);
    else if (stage.id !== deal.stage) properties.dealstage = stage.id;
  }
  if (rec.nextStep) properties[DEAL_NEXT_STEP_PROPERTY] = rec.nextStep;
  if (Object.keys(properties).length === 0)
    return skipped(notes.join('; ') || 'the deal already has the recommended stage');
  return { status: 'updated', dealId: deal.id, properties };
}

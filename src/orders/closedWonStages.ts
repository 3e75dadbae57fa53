import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import type { OrderTrigger } from './orderSettings.ts';

/**
 * Which deal stages create an order. Closed-won stages are resolved per portal and pipeline through the pipelines
 * API, never by the id `closedwon` (reference §2: default stage ids are [U]; custom pipelines use their own ids).
 * HubSpot's pipelines guide: for deals, stage metadata `probability` is "between 0.0 and 1.0, 0.0 being Closed
 * Lost and 1.0 being Closed Won" (developers.hubspot.com/docs/api/crm/pipelines), and closed stages carry
 * `isClosed: "true"` — so won = closed with probability 1.
 */
export interface StageInfo {
  id: string;
  label: string;
  closedWon: boolean;
}

export interface PipelineInfo {
  id: string;
  label: string;
  stages: StageInfo[];
}

interface StageMetadata {
  isClosed?: string;
  probability?: string;
}

/** True for a deal stage HubSpot marks closed with probability 1.0 ("1.0" or "1" on the wire). */
export function isClosedWonStage(metadata: StageMetadata | undefined): boolean {
  return metadata?.isClosed === 'true' && Number(metadata.probability) === 1;
}

/** Whether a deal now in `pipelineId`/`stageId` should get an order under the portal's trigger settings. */
export function isTriggerStage(
  pipelines: readonly PipelineInfo[],
  trigger: OrderTrigger,
  pipelineId: string,
  stageId: string,
): boolean {
  if (trigger.pipelineIds && !trigger.pipelineIds.includes(pipelineId)) return false;
  const stage = pipelines.find((p) => p.id === pipelineId)?.stages.find((s) => s.id === stageId);
  if (!stage) return false;
  return trigger.stageIds ? trigger.stageIds.includes(stageId) : stage.closedWon;
}

/** Every (pipeline, stage) that would trigger, for the settings page. */
export function triggerStages(pipelines: readonly PipelineInfo[], trigger: OrderTrigger) {
  return pipelines.flatMap((p) =>
    p.stages
      .filter((s) => isTriggerStage(pipelines, trigger, p.id, s.id))
      .map((s) => ({ pipelineId: p.id, pipelineLabel: p.label, stageId: s.id, stageLabel: s.label })),
  );
}

/** Reads the portal's deal pipelines (one call: GET /crm/v3/pipelines/deals, reference §2). */
export async function fetchDealPipelines(
  hubspot: HubspotCall,
  portalId: number,
  priority: 'interactive' | 'background' = 'background',
): Promise<PipelineInfo[]> {
  const res = await hubspot(portalId, { feature: 'orders', priority }, (client) =>
    client.crm.pipelines.pipelinesApi.getAll('deals'),
  );
  return res.results
    .filter((p) => !p.archived)
    .map((p) => ({
      id: p.id,
      label: p.label,
      stages: p.stages
        .filter((s) => !s.archived)
        .map((s) => ({ id: s.id, label: s.label, closedWon: isClosedWonStage(s.metadata) })),
    }));
}

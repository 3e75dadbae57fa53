import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import { fetchDealPipelines, isTriggerStage, type PipelineInfo } from './closedWonStages.ts';
import type { OrderSettings } from './orderSettings.ts';

/**
 * Per-portal cache of the deal pipelines, so a burst of closed deals costs one pipelines call, not one each.
 * Refreshed after `ttlMs`, and early when a deal names a pipeline or stage the cache does not know (an admin
 * added it since) — at most once per `missRefreshMs`, so a bogus stage id cannot turn into a call storm.
 */
export interface StageResolverDeps {
  hubspot: HubspotCall;
  settings: { get(portalId: number): OrderSettings };
  now: () => number;
  ttlMs?: number;
  missRefreshMs?: number;
}

interface Entry {
  at: number;
  pipelines: Promise<PipelineInfo[]>;
}

/** Pipeline id a deal without one is in: single-pipeline portals set `default` (HubSpot pipelines overview [D]). */
export const DEFAULT_PIPELINE_ID = 'default';

export function createStageResolver(deps: StageResolverDeps) {
  const ttlMs = deps.ttlMs ?? 10 * 60_000;
  const missRefreshMs = deps.missRefreshMs ?? 60_000;
  const cache = new Map<number, Entry>();

  const load = (portalId: number): Promise<PipelineInfo[]> => {
    // Concurrent callers share the one in-flight request; a failed load is forgotten so the next call retries.
    const pipelines = fetchDealPipelines(deps.hubspot, portalId);
    cache.set(portalId, { at: deps.now(), pipelines });
    pipelines.catch(() => {
      if (cache.get(portalId)?.pipelines === pipelines) cache.delete(portalId);
    });
    return pipelines;
  };

  const pipelines = (portalId: number): Promise<PipelineInfo[]> => {
    const entry = cache.get(portalId);
    if (entry && deps.now() - entry.at < ttlMs) return entry.pipelines;
    return load(portalId);
  };

  return {
    /** The portal's deal pipelines with their closed-won stages marked (cached). */
    pipelines,
    /** Whether a deal in this pipeline and stage should become an order under the portal's settings. */
    async isTrigger(portalId: number, pipelineId: string | null | undefined, stageId: string): Promise<boolean> {
      const pid = pipelineId || DEFAULT_PIPELINE_ID;
      const trigger = deps.settings.get(portalId).trigger;
      let known = await pipelines(portalId);
      const knows = (list: PipelineInfo[]) => list.some((p) => p.id === pid && p.stages.some((s) => s.id === stageId));
      const entry = cache.get(portalId);
      if (!knows(known) && entry && deps.now() - entry.at >= missRefreshMs) known = await load(portalId);
      return isTriggerStage(known, trigger, pid, stageId);
    },
    /** Forget the cache (e.g. on a pipeline webhook or a settings change). */
    invalidate(portalId: number): void {
      cache.delete(portalId);
    },
  };
}

export type StageResolver = ReturnType<typeof createStageResolver>;

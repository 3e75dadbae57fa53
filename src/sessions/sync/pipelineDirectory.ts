import type { HubspotCall } from '../../hubspot/hubspotCall.ts';

/**
 * Deal pipelines and stages per portal, cached: whether a deal is open (stage `metadata.isClosed`), stage labels
 * for pre-call context, and validating a recommended stage. Stage ids differ per portal, so they are read from
 * `GET /crm/v3/pipelines/deals` rather than assumed (reference §2: default stage ids are [U]).
 */
export interface StageInfo {
  id: string;
  label: string;
  isClosed: boolean;
}

export type Pipelines = Map<string, { label: string; stages: Map<string, StageInfo> }>;

export function createPipelineDirectory(hubspot: HubspotCall, options: { ttlMs?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<number, { at: number; pipelines: Promise<Pipelines> }>();

  async function load(portalId: number): Promise<Pipelines> {
    const res = await hubspot(portalId, { feature: 'sessions.pipelines', idempotent: true }, (client) =>
      client.crm.pipelines.pipelinesApi.getAll('deals'),
    );
    const out: Pipelines = new Map();
    for (const p of res.results) {
      const stages = new Map<string, StageInfo>();
      for (const s of p.stages) {
        stages.set(s.id, { id: s.id, label: s.label, isClosed: s.metadata?.isClosed === 'true' });
      }
      out.set(p.id, { label: p.label, stages });
    }
    return out;
  }

  return {
    deals(portalId: number): Promise<Pipelines> {
      const hit = cache.get(portalId);
      if (hit && now() - hit.at < ttlMs) return hit.pipelines;
      const entry = { at: now(), pipelines: load(portalId) };
      cache.set(portalId, entry);
      entry.pipelines.catch(() => cache.get(portalId) === entry && cache.delete(portalId));
      return entry.pipelines;
    },
  };
}

export type PipelineDirectory = ReturnType<typeof createPipelineDirectory>;

/** A stage of `pipelineId` by id or (case-insensitive) label; undefined when the pipeline has no such stage. */
export function findStage(pipelines: Pipelines, pipelineId: string, stage: string): StageInfo | undefined {
  const stages = pipelines.get(pipelineId)?.stages;
  if (!stages) return undefined;
  return stages.get(stage) ?? [...stages.values()].find((s) => s.label.toLowerCase() === stage.trim().toLowerCase());
}

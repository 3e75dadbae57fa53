import { type Response, Router } from 'express';
import { sendError } from '../errors.ts';
import type { Pipeline, PipelineStage, SandboxState } from '../state.ts';
import { callerPortal, requireSchemaScope, resolveObjectType } from './schemaAccess.ts';

/**
 * Pipelines v3, read side: `GET /crm/v3/pipelines/{objectType}`, `/{pipelineId}`, `/{pipelineId}/stages`
 * (SPEC pipelines/v3; reference/hubspot-api.md §2 says to resolve stage ids per portal with it).
 */

// The state keeps no audit timestamps for pipelines; the SDK model requires createdAt/updatedAt [M].
const EPOCH = '2024-01-01T00:00:00.000Z';

function publicStage(s: PipelineStage) {
  return {
    id: s.id,
    label: s.label,
    displayOrder: s.displayOrder,
    metadata: s.metadata,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    archived: false,
    writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
  };
}

export function publicPipeline(p: Pipeline) {
  return {
    id: p.id,
    label: p.label,
    displayOrder: p.displayOrder,
    stages: p.stages.map(publicStage),
    createdAt: EPOCH,
    updatedAt: EPOCH,
    archived: false,
  };
}

export function pipelineRoutes(state: SandboxState): Router {
  const router = Router();

  const pipelinesFor = (segment: string, res: Response): Pipeline[] | undefined => {
    const type = resolveObjectType(res, segment);
    if (!type || !requireSchemaScope(res, type, 'read')) return undefined;
    if (type !== 'deals' && type !== 'tickets') {
      sendError(res, 400, 'VALIDATION_ERROR', `Object type ${segment} does not support pipelines.`);
      return undefined;
    }
    return callerPortal(state, res).pipelines.get(type) ?? [];
  };

  const onePipeline = (segment: string, id: string, res: Response): Pipeline | undefined => {
    const all = pipelinesFor(segment, res);
    if (!all) return undefined;
    const pipeline = all.find((p) => p.id === id);
    if (!pipeline) sendError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find pipeline ${id}`);
    return pipeline;
  };

  router.get('/crm/v3/pipelines/:objectType', (req, res) => {
    const all = pipelinesFor(req.params.objectType, res);
    if (all) res.json({ results: all.map(publicPipeline) });
  });
  router.get('/crm/v3/pipelines/:objectType/:pipelineId', (req, res) => {
    const p = onePipeline(req.params.objectType, req.params.pipelineId, res);
    if (p) res.json(publicPipeline(p));
  });
  router.get('/crm/v3/pipelines/:objectType/:pipelineId/stages', (req, res) => {
    const p = onePipeline(req.params.objectType, req.params.pipelineId, res);
    if (p) res.json({ results: p.stages.map(publicStage) });
  });
  router.get('/crm/v3/pipelines/:objectType/:pipelineId/stages/:stageId', (req, res) => {
    const p = onePipeline(req.params.objectType, req.params.pipelineId, res);
    if (!p) return;
    const stage = p.stages.find((s) => s.id === req.params.stageId);
    if (!stage) return sendError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find stage ${req.params.stageId}`);
    res.json(publicStage(stage));
  });
  return router;
}

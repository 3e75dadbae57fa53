import { type Request, Router } from 'express';
import { batchArchiveObjects, batchReadObjects } from '../crm/batchReads.ts';
import { batchCreateObjects, batchUpdateObjects, batchUpsertObjects } from '../crm/batchWrites.ts';
import {
  archiveObject,
  createObject,
  getObject,
  listObjects,
  type ReadQuery,
  updateObject,
} from '../crm/objectOperations.ts';
import { sendOutcome } from '../crm/outcome.ts';
import { listParam } from '../crm/publicObject.ts';
import { crmRequest, flag, queryString } from '../crm/routeContext.ts';
import type { SandboxState } from '../state.ts';

/**
 * CRM objects v3 (reference/hubspot-api.md §2) for every standard type; the `{objectType}` segment may be plural,
 * singular or an objectTypeId. Success codes are exactly the SDK's (§1.2). Search is mounted separately (search.ts).
 */
function readQuery(req: Request): ReadQuery {
  return {
    properties: listParam(req.query.properties),
    associations: listParam(req.query.associations),
    idProperty: queryString(req.query.idProperty),
    archived: flag(req.query.archived),
  };
}

export function objectRoutes(state: SandboxState): Router {
  const r = Router();
  const base = '/crm/v3/objects/:objectType';

  r.get(base, (req, res) => {
    const c = crmRequest(state, req, res, 'read');
    if (!c) return;
    const q = {
      ...readQuery(req),
      limit: queryString(req.query.limit),
      after: queryString(req.query.after),
      basePath: req.path,
    };
    sendOutcome(res, listObjects(c.portal, c.objectType, q));
  });
  r.post(base, (req, res) => {
    const c = crmRequest(state, req, res, 'write');
    if (c) sendOutcome(res, createObject(state, c.portal, c.objectType, req.body));
  });
  r.post(`${base}/batch/create`, (req, res) => {
    const c = crmRequest(state, req, res, 'write');
    if (c) sendOutcome(res, batchCreateObjects(state, c.portal, c.objectType, req.body));
  });
  r.post(`${base}/batch/update`, (req, res) => {
    const c = crmRequest(state, req, res, 'write');
    if (c) sendOutcome(res, batchUpdateObjects(state, c.portal, c.objectType, req.body));
  });
  r.post(`${base}/batch/upsert`, (req, res) => {
    const c = crmRequest(state, req, res, 'write');
    if (c) sendOutcome(res, batchUpsertObjects(state, c.portal, c.objectType, req.body));
  });
  r.post(`${base}/batch/read`, (req, res) => {
    const c = crmRequest(state, req, res, 'read');
    if (c) sendOutcome(res, batchReadObjects(c.portal, c.objectType, req.body, flag(req.query.archived), state.now()));
  });
  r.post(`${base}/batch/archive`, (req, res) => {
    const c = crmRequest(state, req, res, 'write');
    if (c) sendOutcome(res, batchArchiveObjects(state, c.portal, c.objectType, req.body));
  });
  r.get(`${base}/:id`, (req, res) => {
    const c = crmRequest(state, req, res, 'read');
    if (c) sendOutcome(res, getObject(c.portal, c.objectType, req.params.id, readQuery(req)));
  });
  r.patch(`${base}/:id`, (req, res) => {
    const c = crmRequest(state, req, res, 'write');
    if (!c) return;
    sendOutcome(
      res,
      updateObject(state, c.portal, c.objectType, req.params.id, queryString(req.query.idProperty), req.body),
    );
  });
  r.delete(`${base}/:id`, (req, res) => {
    const c = crmRequest(state, req, res, 'write');
    if (c) sendOutcome(res, archiveObject(state, c.portal, c.objectType, req.params.id));
  });
  return r;
}

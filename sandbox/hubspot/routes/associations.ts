import { type Request, type Response, Router } from 'express';
import { requireScope } from '../auth.ts';
import {
  batchArchiveAssociations,
  batchArchiveLabels,
  batchAssociateDefault,
  batchCreateAssociations,
  batchReadAssociations,
} from '../crm/associationBatch.ts';
import { deletePair, listAssociations, listLabels, putDefault, putLabelled } from '../crm/associationOperations.ts';
import { sendOutcome } from '../crm/outcome.ts';
import { callerPortal, queryString, resolveType } from '../crm/routeContext.ts';
import { type Access, objectScopes } from '../crm/scopes.ts';
import type { Portal, SandboxState } from '../state.ts';

/**
 * Associations v4 (reference/hubspot-api.md §4). Both object types must be readable (reads) or writable (writes)
 * by the caller: HubSpot checks the scopes of the objects on both ends. [U]
 */
interface PairContext {
  portal: Portal;
  fromType: string;
  toType: string;
}

function pairContext(
  state: SandboxState,
  res: Response,
  fromSegment: string,
  toSegment: string,
  access: Access,
): PairContext | undefined {
  const fromType = resolveType(res, fromSegment);
  if (!fromType) return undefined;
  const toType = resolveType(res, toSegment);
  if (!toType) return undefined;
  if (!requireScope(res, objectScopes(fromType, access))) return undefined;
  if (toType !== fromType && !requireScope(res, objectScopes(toType, access))) return undefined;
  const portal = callerPortal(state, res);
  return portal ? { portal, fromType, toType } : undefined;
}

const p = (req: Request, name: string) => String(req.params[name]);

export function associationRoutes(state: SandboxState): Router {
  const r = Router();
  const one = '/crm/v4/objects/:objectType/:objectId/associations';
  const many = '/crm/v4/associations/:fromObjectType/:toObjectType';
  const single = (req: Request, res: Response, access: Access) =>
    pairContext(state, res, p(req, 'objectType'), p(req, 'toObjectType'), access);
  const batch = (req: Request, res: Response, access: Access) =>
    pairContext(state, res, p(req, 'fromObjectType'), p(req, 'toObjectType'), access);

  r.put(`${one}/default/:toObjectType/:toObjectId`, (req, res) => {
    const c = single(req, res, 'write');
    if (!c) return;
    const from = { type: c.fromType, id: p(req, 'objectId') };
    sendOutcome(res, putDefault(c.portal, from, { type: c.toType, id: p(req, 'toObjectId') }, state.now()));
  });
  r.put(`${one}/:toObjectType/:toObjectId`, (req, res) => {
    const c = single(req, res, 'write');
    if (!c) return;
    const from = { type: c.fromType, id: p(req, 'objectId') };
    sendOutcome(res, putLabelled(c.portal, from, { type: c.toType, id: p(req, 'toObjectId') }, req.body));
  });
  r.delete(`${one}/:toObjectType/:toObjectId`, (req, res) => {
    const c = single(req, res, 'write');
    if (!c) return;
    sendOutcome(
      res,
      deletePair(c.portal, { type: c.fromType, id: p(req, 'objectId') }, { type: c.toType, id: p(req, 'toObjectId') }),
    );
  });
  r.get(`${one}/:toObjectType`, (req, res) => {
    const c = single(req, res, 'read');
    if (!c) return;
    const from = { type: c.fromType, id: p(req, 'objectId') };
    sendOutcome(
      res,
      listAssociations(c.portal, from, c.toType, queryString(req.query.after), queryString(req.query.limit)),
    );
  });

  r.get(`${many}/labels`, (req, res) => {
    const c = batch(req, res, 'read');
    if (c) sendOutcome(res, listLabels(c.fromType, c.toType));
  });
  r.post(`${many}/batch/associate/default`, (req, res) => {
    const c = batch(req, res, 'write');
    if (c) sendOutcome(res, batchAssociateDefault(c.portal, c, req.body, state.now()));
  });
  r.post(`${many}/batch/create`, (req, res) => {
    const c = batch(req, res, 'write');
    if (c) sendOutcome(res, batchCreateAssociations(c.portal, c, req.body, state.now()));
  });
  r.post(`${many}/batch/read`, (req, res) => {
    const c = batch(req, res, 'read');
    if (c) sendOutcome(res, batchReadAssociations(c.portal, c, req.body, state.now()));
  });
  r.post(`${many}/batch/archive`, (req, res) => {
    const c = batch(req, res, 'write');
    if (c) sendOutcome(res, batchArchiveAssociations(c.portal, c, req.body));
  });
  r.post(`${many}/batch/labels/archive`, (req, res) => {
    const c = batch(req, res, 'write');
    if (c) sendOutcome(res, batchArchiveLabels(c.portal, c, req.body));
  });
  return r;
}

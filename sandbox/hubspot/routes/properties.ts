import { type Response, Router } from 'express';
import { sendError } from '../errors.ts';
import { publicProperty } from '../propertySchema.ts';
import { applyUpdate, checkUpdate, createOne, propsOf } from '../propertyStore.ts';
import type { SandboxState } from '../state.ts';
import { propertyBatchRoutes } from './propertyBatch.ts';
import { propertyGroupRoutes } from './propertyGroups.ts';
import { bodyObject, callerPortal, requireSchemaScope, resolveObjectType, sendValidation } from './schemaAccess.ts';

/**
 * Properties v3 (reference/hubspot-api.md §5, success codes §1.2): list, get, create 201, patch 200, delete 204.
 * Batch endpoints are in propertyBatch.ts, groups in propertyGroups.ts.
 */
export function propertyRoutes(state: SandboxState): Router {
  const router = Router();
  router.use(propertyGroupRoutes(state)); // before '/:objectType/:propertyName', which would swallow 'groups'
  const base = '/crm/v3/properties/:objectType';

  const ctxFor = (segment: string, res: Response, access: 'read' | 'write') => {
    const type = resolveObjectType(res, segment);
    if (!type || !requireSchemaScope(res, type, access)) return undefined;
    const portal = callerPortal(state, res);
    return { type, portal, props: propsOf(portal, type) };
  };
  router.use(propertyBatchRoutes(state, ctxFor));

  router.get(base, (req, res) => {
    const ctx = ctxFor(req.params.objectType, res, 'read');
    if (!ctx) return;
    // Archived (deleted) properties are removed in the sandbox, so `archived=true` lists nothing.
    if (req.query.archived === 'true') return res.json({ results: [] });
    const only = typeof req.query.properties === 'string' ? new Set(req.query.properties.split(',')) : undefined;
    const results = [...ctx.props.values()].filter((p) => !only || only.has(p.name)).map(publicProperty);
    res.json({ results });
  });

  router.get(`${base}/:propertyName`, (req, res) => {
    const ctx = ctxFor(req.params.objectType, res, 'read');
    if (!ctx) return;
    const prop = ctx.props.get(req.params.propertyName);
    if (!prop) return notFound(res, req.params.propertyName);
    res.json(publicProperty(prop));
  });

  router.post(base, (req, res) => {
    const ctx = ctxFor(req.params.objectType, res, 'write');
    if (!ctx) return;
    const created = createOne(state, ctx.portal, ctx.type, bodyObject(req.body));
    if ('problems' in created) return sendValidation(res, created.problems, 'property');
    if ('duplicate' in created) return sendDuplicate(res, created.duplicate);
    res.status(201).json(publicProperty(created.prop));
  });

  router.patch(`${base}/:propertyName`, (req, res) => {
    const ctx = ctxFor(req.params.objectType, res, 'write');
    if (!ctx) return;
    const prop = ctx.props.get(req.params.propertyName);
    if (!prop) return notFound(res, req.params.propertyName);
    const problems = checkUpdate(ctx.portal, ctx.type, prop, bodyObject(req.body));
    if (problems.length > 0) return sendValidation(res, problems, 'property update');
    applyUpdate(prop, bodyObject(req.body), new Date(state.now()).toISOString());
    res.json(publicProperty(prop));
  });

  router.delete(`${base}/:propertyName`, (req, res) => {
    const ctx = ctxFor(req.params.objectType, res, 'write');
    if (!ctx) return;
    const prop = ctx.props.get(req.params.propertyName);
    if (!prop) return notFound(res, req.params.propertyName);
    if (prop.hubspotDefined) {
      return sendError(
        res,
        400,
        'VALIDATION_ERROR',
        `${prop.name} is a HubSpot-defined property and cannot be deleted.`,
      );
    }
    ctx.props.delete(prop.name);
    res.status(204).end();
  });

  return router;
}

function notFound(res: Response, name: string): void {
  sendError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find property ${name}`);
}

function sendDuplicate(res: Response, name: string): void {
  // The status for a duplicate property name is [U] in the reference (§5, §13.5); 409 is the commonly seen answer.
  sendError(res, 409, 'OBJECT_ALREADY_EXISTS', `Property named '${name}' already exists.`);
}

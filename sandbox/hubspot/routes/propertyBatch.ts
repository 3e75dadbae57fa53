import { type Response, Router } from 'express';
import { publicProperty } from '../propertySchema.ts';
import { createOne } from '../propertyStore.ts';
import type { Portal, PropertyDefinition, SandboxState } from '../state.ts';
import { bodyObject, sendValidation } from './schemaAccess.ts';

/**
 * Properties batch endpoints (reference/hubspot-api.md §5, codes §1.2): create 201 / 207, read 200 / 207, archive 204.
 * A 207 lists the failed inputs in `errors` next to the successful `results`, like the SDK's *WithErrors models.
 */

type Ctx = { type: string; portal: Portal; props: Map<string, PropertyDefinition> };
export type CtxFor = (segment: string, res: Response, access: 'read' | 'write') => Ctx | undefined;

function batchError(category: string, message: string, name: string) {
  return { status: 'error', category, message, context: { propertyName: [name] }, errors: [], links: {} };
}

export function propertyBatchRoutes(state: SandboxState, ctxFor: CtxFor): Router {
  const router = Router();
  const base = '/crm/v3/properties/:objectType';

  router.post(`${base}/batch/create`, (req, res) => {
    const ctx = ctxFor(req.params.objectType, res, 'write');
    if (!ctx) return;
    const inputs = bodyObject(req.body).inputs;
    if (!Array.isArray(inputs))
      return sendValidation(res, [{ field: 'inputs', code: 'REQUIRED_FIELD', message: 'inputs is required' }]);
    const startedAt = new Date(state.now()).toISOString();
    const results: ReturnType<typeof publicProperty>[] = [];
    const errors: object[] = [];
    for (const input of inputs) {
      const created = createOne(state, ctx.portal, ctx.type, bodyObject(input));
      if ('prop' in created) results.push(publicProperty(created.prop));
      else if ('duplicate' in created)
        errors.push(
          batchError(
            'OBJECT_ALREADY_EXISTS',
            `Property named '${created.duplicate}' already exists.`,
            created.duplicate,
          ),
        );
      else
        errors.push(
          batchError(
            'VALIDATION_ERROR',
            created.problems.map((p) => `${p.field}: ${p.message}`).join('; '),
            String(bodyObject(input).name ?? ''),
          ),
        );
    }
    const completedAt = new Date(state.now()).toISOString();
    const body = { status: 'COMPLETE', results, startedAt, completedAt };
    if (errors.length === 0) return res.status(201).json(body);
    res.status(207).json({ ...body, numErrors: errors.length, errors });
  });

  router.post(`${base}/batch/read`, (req, res) => {
    const ctx = ctxFor(req.params.objectType, res, 'read');
    if (!ctx) return;
    const inputs = bodyObject(req.body).inputs;
    if (!Array.isArray(inputs))
      return sendValidation(res, [{ field: 'inputs', code: 'REQUIRED_FIELD', message: 'inputs is required' }]);
    const startedAt = new Date(state.now()).toISOString();
    const names = inputs.map((i) => String(bodyObject(i).name ?? ''));
    const results = names.flatMap((n) => (ctx.props.has(n) ? [publicProperty(ctx.props.get(n)!)] : []));
    const errors = names
      .filter((n) => !ctx.props.has(n))
      .map((n) => batchError('OBJECT_NOT_FOUND', `Unable to find property ${n}`, n));
    const body = { status: 'COMPLETE', results, startedAt, completedAt: new Date(state.now()).toISOString() };
    if (errors.length === 0) return res.status(200).json(body);
    res.status(207).json({ ...body, numErrors: errors.length, errors });
  });

  router.post(`${base}/batch/archive`, (req, res) => {
    const ctx = ctxFor(req.params.objectType, res, 'write');
    if (!ctx) return;
    const inputs = bodyObject(req.body).inputs;
    if (!Array.isArray(inputs))
      return sendValidation(res, [{ field: 'inputs', code: 'REQUIRED_FIELD', message: 'inputs is required' }]);
    for (const i of inputs) {
      const prop = ctx.props.get(String(bodyObject(i).name ?? ''));
      if (prop && !prop.hubspotDefined) ctx.props.delete(prop.name);
    }
    res.status(204).end();
  });

  return router;
}

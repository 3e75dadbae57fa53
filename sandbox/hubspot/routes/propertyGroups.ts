import { Router } from 'express';
import { sendError } from '../errors.ts';
import type { FieldProblem } from '../propertySchema.ts';
import type { PropertyGroup, SandboxState } from '../state.ts';
import { bodyObject, callerPortal, requireSchemaScope, resolveObjectType, sendValidation } from './schemaAccess.ts';

/** Property groups v3 (reference/hubspot-api.md §5): list, get, create 201, patch 200, delete 204. */
export function propertyGroupRoutes(state: SandboxState): Router {
  const router = Router();
  const base = '/crm/v3/properties/:objectType/groups';

  /** Resolves type + scope and returns the group map of the caller's portal, or undefined after answering. */
  const groupsFor = (
    req: { params: { objectType: string } },
    res: Parameters<typeof callerPortal>[1],
    access: 'read' | 'write',
  ) => {
    const type = resolveObjectType(res, req.params.objectType);
    if (!type || !requireSchemaScope(res, type, access)) return undefined;
    const portal = callerPortal(state, res);
    let groups = portal.propertyGroups.get(type);
    if (!groups) {
      groups = new Map();
      portal.propertyGroups.set(type, groups);
    }
    return { type, portal, groups };
  };

  router.get(base, (req, res) => {
    const ctx = groupsFor(req, res, 'read');
    if (ctx) res.json({ results: [...ctx.groups.values()] });
  });

  router.get(`${base}/:groupName`, (req, res) => {
    const ctx = groupsFor(req, res, 'read');
    if (!ctx) return;
    const group = ctx.groups.get(req.params.groupName);
    if (!group) return sendError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find property group ${req.params.groupName}`);
    res.json(group);
  });

  router.post(base, (req, res) => {
    const ctx = groupsFor(req, res, 'write');
    if (!ctx) return;
    const input = bodyObject(req.body);
    const problems: FieldProblem[] = ['name', 'label']
      .filter((f) => typeof input[f] !== 'string' || input[f] === '')
      .map((f) => ({ message: `${f} is required`, code: 'REQUIRED_FIELD', field: f }));
    if (typeof input.name === 'string' && input.name !== '' && !/^[a-z][a-z0-9_]*$/.test(input.name)) {
      problems.push({
        message: 'name must use lowercase letters, digits and underscores',
        code: 'INVALID_NAME',
        field: 'name',
      });
    }
    if (problems.length > 0) return sendValidation(res, problems, 'property group');
    const name = String(input.name);
    if (ctx.groups.has(name)) {
      // Duplicate status is [U] in the reference (§5, §13.5): 409 Conflict is the commonly observed answer.
      return sendError(res, 409, 'OBJECT_ALREADY_EXISTS', `A property group named '${name}' already exists.`);
    }
    const group: PropertyGroup = {
      name,
      label: String(input.label),
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
      archived: false,
    };
    ctx.groups.set(name, group);
    res.status(201).json(group);
  });

  router.patch(`${base}/:groupName`, (req, res) => {
    const ctx = groupsFor(req, res, 'write');
    if (!ctx) return;
    const group = ctx.groups.get(req.params.groupName);
    if (!group) return sendError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find property group ${req.params.groupName}`);
    const input = bodyObject(req.body);
    if (typeof input.label === 'string') group.label = input.label;
    if (typeof input.displayOrder === 'number') group.displayOrder = input.displayOrder;
    res.json(group);
  });

  router.delete(`${base}/:groupName`, (req, res) => {
    const ctx = groupsFor(req, res, 'write');
    if (!ctx) return;
    const name = req.params.groupName;
    if (!ctx.groups.has(name)) return sendError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find property group ${name}`);
    // Deleting a group that still holds properties would orphan them; HubSpot refuses [U: exact status].
    const used = [...(ctx.portal.properties.get(ctx.type)?.values() ?? [])].some((p) => p.groupName === name);
    if (used) return sendError(res, 400, 'VALIDATION_ERROR', `Property group '${name}' still contains properties.`);
    ctx.groups.delete(name);
    res.status(204).end();
  });

  return router;
}

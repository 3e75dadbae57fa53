import { Router } from 'express';
import { requireScope } from '../auth.ts';
import { sendError } from '../errors.ts';
import type { Owner, SandboxState } from '../state.ts';
import { callerPortal } from './schemaAccess.ts';

/**
 * Owners v3 (reference/hubspot-api.md §6; SPEC owners/v3): `GET /crm/v3/owners?email&limit&after`
 * (the SDK calls `/crm/v3/owners/` with a trailing slash) and `GET /crm/v3/owners/{ownerId}?idProperty=id|userId`.
 */

const OWNER_SCOPES = ['crm.objects.owners.read'];
const EPOCH = '2024-01-01T00:00:00.000Z'; // owners carry no timestamps in the state [M]

export function publicOwner(o: Owner) {
  return {
    id: o.id,
    email: o.email,
    type: 'PERSON',
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    userIdIncludingInactive: o.userId,
    createdAt: EPOCH,
    updatedAt: EPOCH,
    archived: false,
    teams: o.teams,
  };
}

export function ownerRoutes(state: SandboxState): Router {
  const router = Router();

  router.get('/crm/v3/owners', (req, res) => {
    if (!requireScope(res, OWNER_SCOPES)) return;
    const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      return sendError(res, 400, 'VALIDATION_ERROR', 'limit must be an integer between 1 and 500');
    }
    const after = req.query.after === undefined ? 0 : Number(req.query.after);
    if (!Number.isInteger(after) || after < 0)
      return sendError(res, 400, 'VALIDATION_ERROR', 'after must be a paging cursor');
    const email = typeof req.query.email === 'string' ? req.query.email.toLowerCase() : undefined;
    const owners = callerPortal(state, res).owners.filter((o) => !email || o.email.toLowerCase() === email);
    const page = owners.slice(after, after + limit).map(publicOwner);
    const next = after + limit < owners.length ? String(after + limit) : undefined;
    res.json({ results: page, ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) });
  });

  router.get('/crm/v3/owners/:ownerId', (req, res) => {
    if (!requireScope(res, OWNER_SCOPES)) return;
    const byUserId = req.query.idProperty === 'userId';
    const owner = callerPortal(state, res).owners.find((o) =>
      byUserId ? String(o.userId) === req.params.ownerId : o.id === req.params.ownerId,
    );
    if (!owner) return sendError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find owner ${req.params.ownerId}`);
    res.json(publicOwner(owner));
  });
  return router;
}

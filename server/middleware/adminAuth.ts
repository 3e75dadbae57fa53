import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Secret } from '../../src/connections/secret.ts';
import { AppError } from '../../src/errors.ts';
import { parseOrThrow } from '../parse.ts';

/** Who is calling the admin API: the operator (every portal) or a HubSpot-signed page of one portal. */
export type AdminAccess = { kind: 'operator' } | { kind: 'portal'; portalId: number };

export interface AdminAuthOptions {
  /** ADMIN_TOKEN; undefined = operator bearer auth is refused. */
  adminToken: Secret | undefined;
  /** requireHubspotSignature(v3): reads the raw body, verifies, parses JSON. */
  signed: RequestHandler[];
  bodyLimit: string;
}

const SignedQuery = z.object({ portalId: z.coerce.number().int().positive() });

/** Runs Express handlers one after another, like a mini router. */
function chain(handlers: RequestHandler[], req: Request, res: Response, done: NextFunction): void {
  let i = 0;
  const step = (err?: unknown) => {
    const handler = handlers[i++];
    if (err !== undefined || !handler) return done(err);
    handler(req, res, step);
  };
  step();
}

// Both sides are hashed first, so the comparison is constant-time whatever the lengths.
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());

/**
 * Authenticates every `/admin/*` request before its body is parsed, so a refused request changes nothing:
 * - HubSpot-signed (v3, from the settings page or a card): scoped to the `portalId` the signed URL names;
 * - `Authorization: Bearer <ADMIN_TOKEN>`: the operator, all portals.
 * Anything else answers 401.
 */
export function adminAuth(o: AdminAuthOptions): RequestHandler {
  const json = express.json({ limit: o.bodyLimit });
  return (req, res, next) => {
    if (req.headers['x-hubspot-signature-v3'] !== undefined) {
      return chain(o.signed, req, res, (err) => {
        if (err !== undefined) return next(err);
        // The signature covers the full URL, so the portalId in the query is HubSpot's word (hubspot-platform.md §2.3).
        // Called back from the body reader, outside Express's try/catch: errors go to next() by hand.
        try {
          const { portalId } = parseOrThrow(SignedQuery, req.query, 'query');
          res.locals.adminAccess = { kind: 'portal', portalId } satisfies AdminAccess;
          next();
        } catch (e) {
          next(e);
        }
      });
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined) {
      return next(new AppError('unauthorized', 'Admin requests need a HubSpot signature or the operator bearer token'));
    }
    if (!o.adminToken) return next(new AppError('unauthorized', 'Operator access is disabled: ADMIN_TOKEN is not set'));
    if (!sameSecret(bearer, o.adminToken.reveal())) return next(new AppError('unauthorized', 'Invalid bearer token'));
    res.locals.adminAccess = { kind: 'operator' } satisfies AdminAccess;
    json(req, res, next);
  };
}

/** The caller set by adminAuth. */
export function adminAccessOf(res: Response): AdminAccess {
  const access = res.locals.adminAccess as AdminAccess | undefined;
  if (!access) throw new Error('admin route mounted without adminAuth');
  return access;
}

/** The portal a signed caller is limited to (undefined for the operator). */
export const onlyPortalOf = (res: Response): number | undefined => {
  const access = adminAccessOf(res);
  return access.kind === 'portal' ? access.portalId : undefined;
};

/** 403 unless the caller may act on `portalId`. */
export function requirePortalAccess(res: Response, portalId: number): void {
  const only = onlyPortalOf(res);
  if (only !== undefined && only !== portalId) {
    throw new AppError('forbidden', `This request is signed for portal ${only}, not for portal ${portalId}`);
  }
}

import type { Request, Response } from 'express';
import { callerOf, requireScope } from '../auth.ts';
import { sendError } from '../errors.ts';
import { canonicalObjectType } from '../objectTypes.ts';
import type { Portal, SandboxState } from '../state.ts';
import { type Access, objectScopes } from './scopes.ts';

/** The caller's portal and the canonical object type of a `/{objectType}/...` route, after the scope check. */
export interface CrmRequest {
  portal: Portal;
  objectType: string;
}

/** The authenticated caller's portal (authenticate middleware ran before every CRM router). */
export function callerPortal(state: SandboxState, res: Response): Portal | undefined {
  const portal = state.portal(callerOf(res).portalId);
  if (!portal) sendError(res, 401, 'INVALID_AUTHENTICATION', 'The portal of this token no longer exists.');
  return portal;
}

/** Resolves an object-type path segment; HubSpot answers an unknown type with 400 "Unable to infer object type". [U] */
export function resolveType(res: Response, segment: string): string | undefined {
  const t = canonicalObjectType(segment);
  if (!t) sendError(res, 400, 'VALIDATION_ERROR', `Unable to infer object type from: ${segment}`);
  return t;
}

/** Type + scope + portal for a CRM object route; undefined when an error response was already sent. */
export function crmRequest(state: SandboxState, req: Request, res: Response, access: Access): CrmRequest | undefined {
  const objectType = resolveType(res, String(req.params.objectType));
  if (!objectType) return undefined;
  if (!requireScope(res, objectScopes(objectType, access))) return undefined;
  const portal = callerPortal(state, res);
  return portal ? { portal, objectType } : undefined;
}

/** Query flag parser: HubSpot takes `archived=true`. */
export function flag(v: unknown): boolean {
  return String(v).toLowerCase() === 'true';
}

/** A single-valued query parameter as a string (or undefined). */
export function queryString(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? String(v[0]) : String(v);
}

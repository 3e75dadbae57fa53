import type { Response } from 'express';
import type { AuthKind } from './state.ts';
import { sendError } from './errors.ts';

/** Who made an API call: set on `res.locals.auth` by the authenticate middleware. */
export interface CallerAuth {
  portalId: number;
  kind: AuthKind;
  scopes: string[];
  appId: number;
  token: string;
}

export function callerOf(res: Response): CallerAuth {
  const auth = res.locals.auth as CallerAuth | undefined;
  if (!auth) throw new Error('route mounted before authenticate middleware');
  return auth;
}

/**
 * Answers 403 MISSING_SCOPES (HubSpot's shape) unless the caller holds at least one of `anyOf`.
 * Returns true when the request may go on.
 */
export function requireScope(res: Response, anyOf: string[]): boolean {
  const auth = callerOf(res);
  if (anyOf.some((s) => auth.scopes.includes(s))) return true;
  sendError(res, 403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call.", {
    errors: [
      { message: `One or more of the following scopes are required.`, context: { requiredGranularScopes: anyOf } },
    ],
  });
  return false;
}

import type { RequestHandler, Response } from 'express';
import type { ApiKeyScope } from '@switchboard/contract';
import type { ApiKeys } from '../../src/connections/apiKeys.ts';
import type { ApiKeyRecord } from '../../src/connections/apiKeysRepo.ts';
import { AppError } from '../../src/errors.ts';

/**
 * For routes external systems call (order system, conversation platform): `Authorization: Bearer sbk_…` resolves
 * to its portal by hash lookup (apiKeys.ts); missing, unknown or revoked → 401, another scope → 403, before any
 * body is read. Handlers read the portal with `apiKeyOf(res).portalId`, never from the request.
 */
export function requireApiKey(apiKeys: Pick<ApiKeys, 'resolve'>, scope: ApiKeyScope): RequestHandler {
  return (req, res, next) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (presented === undefined)
      return next(new AppError('unauthorized', 'This endpoint needs an API key (Bearer sbk_…)'));
    const key = apiKeys.resolve(presented);
    if (!key) return next(new AppError('unauthorized', 'Unknown or revoked API key'));
    if (key.scope !== scope)
      return next(new AppError('forbidden', `This API key is for '${key.scope}', not '${scope}'`));
    res.locals.apiKey = key;
    next();
  };
}

/** The key requireApiKey resolved. */
export function apiKeyOf(res: Response): ApiKeyRecord {
  const key = res.locals.apiKey as ApiKeyRecord | undefined;
  if (!key) throw new Error('route mounted without requireApiKey');
  return key;
}

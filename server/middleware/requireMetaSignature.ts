import express, { type RequestHandler } from 'express';
import { AppError } from '../../src/errors.ts';
import type { Secret } from '../../src/connections/secret.ts';
import { checkMetaSignature } from './metaSignature.ts';

/**
 * Verifies `X-Hub-Signature-256` over the exact bytes received with the app secret of the portal in the path
 * (reference/whatsapp.md §2). Anything wrong — unknown portal, no app secret stored, missing or wrong
 * signature — is a 401 before the body is parsed, so nothing is stored. The raw body stays in `req.body`.
 */
export function requireMetaSignature(opts: {
  bodyLimit: string;
  appSecretOf(portalId: number): Secret | undefined;
}): RequestHandler[] {
  const readRaw = express.raw({ type: () => true, limit: opts.bodyLimit });
  const verify: RequestHandler = (req, _res, next) => {
    const portalId = Number(req.params.portalId);
    const secret = Number.isSafeInteger(portalId) && portalId > 0 ? opts.appSecretOf(portalId) : undefined;
    if (!secret) {
      next(new AppError('unauthorized', `Invalid WhatsApp signature: portal ${req.params.portalId} has no app secret`));
      return;
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = req.headers['x-hub-signature-256'];
    const result = checkMetaSignature(rawBody, Array.isArray(header) ? header[0] : header, secret.reveal());
    if (!result.ok) {
      next(new AppError('unauthorized', `Invalid WhatsApp signature: ${result.reason}`));
      return;
    }
    req.body = rawBody;
    next();
  };
  return [readRaw, verify];
}

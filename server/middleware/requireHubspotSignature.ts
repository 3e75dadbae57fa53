import express, { type RequestHandler } from 'express';
import { AppError } from '../../src/errors.ts';
import { checkV2, checkV3, type SignatureCheck, type SignedRequest } from './hubspotSignature.ts';

export interface HubspotSignatureOptions {
  clientSecret: string | undefined;
  publicOrigin: string;
  now: () => number;
  /**
   * 'v3' for webhooks and cards. 'v3-or-v2' for workflow actions: the docs say they carry v2 and
   * v3 "when present" (hubspot-platform.md §5.2, [M]), so v3 is required whenever its header is there.
   */
  accept: 'v3' | 'v3-or-v2';
  bodyLimit: string;
}

/** Raw body of a verified request, kept for handlers that need the exact bytes. */
export const rawBodyOf = (req: express.Request): Buffer =>
  (req as express.Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);

function check(req: SignedRequest, opts: HubspotSignatureOptions, secret: string): SignatureCheck {
  const hasV3 = req.headers['x-hubspot-signature-v3'] !== undefined;
  if (opts.accept === 'v3' || hasV3) return checkV3(req, secret, opts.now());
  return checkV2(req, secret);
}

/**
 * Verifies a HubSpot signature over the exact bytes received, then parses the JSON body.
 * The URI is rebuilt from the configured public origin, never from Host/X-Forwarded-* headers,
 * which a caller controls. Anything wrong → 401 before the body is even parsed, so nothing is stored.
 */
export function requireHubspotSignature(opts: HubspotSignatureOptions): RequestHandler[] {
  const readRaw = express.raw({ type: () => true, limit: opts.bodyLimit });
  const verify: RequestHandler = (req, _res, next) => {
    if (!opts.clientSecret) {
      next(new AppError('not_configured', 'HUBSPOT_CLIENT_SECRET is not set, so HubSpot requests cannot be verified'));
      return;
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = check(
      { method: req.method, uri: `${opts.publicOrigin}${req.originalUrl}`, rawBody, headers: req.headers },
      opts,
      opts.clientSecret,
    );
    if (!result.ok) {
      next(new AppError('unauthorized', `Invalid HubSpot signature: ${result.reason}`));
      return;
    }
    (req as express.Request & { rawBody?: Buffer }).rawBody = rawBody;
    next();
  };
  const parseJson: RequestHandler = (req, _res, next) => {
    const raw = rawBodyOf(req);
    if (raw.length === 0) {
      req.body = undefined;
      next();
      return;
    }
    try {
      req.body = JSON.parse(raw.toString('utf8'));
      next();
    } catch {
      next(new AppError('validation', 'Request body is not valid JSON'));
    }
  };
  return [readRaw, verify, parseJson];
}

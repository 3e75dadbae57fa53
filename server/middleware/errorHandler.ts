import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '@switchboard/contract';
import { AppError, type ErrorCode } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';

/** The one place an error reason becomes an HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  token_expired: 401,
  needs_reauthorization: 409,
  upstream_unavailable: 503,
  not_configured: 503,
  internal: 500,
};

const body = (code: string, message: string, details?: unknown): ApiErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Translates body-parser failures (they carry `type` and `status`) into our reasons. */
function fromBodyParser(err: { type?: string; status?: number; message?: string }): AppError | undefined {
  if (err.type === 'entity.too.large') return new AppError('payload_too_large', 'Request body is larger than allowed');
  if (err.type === 'entity.parse.failed') return new AppError('validation', 'Request body is not valid JSON');
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
    return new AppError('validation', err.message ?? 'Bad request');
  }
  return undefined;
}

/** Answers every error as `{"error":{"code","message","details"}}`; unknown errors are logged and hidden. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof AppError ? err : fromBodyParser(err as object);
    if (known) {
      const status = STATUS_BY_CODE[known.code];
      const level = status >= 500 ? 'error' : 'warn';
      logger[level]({ code: known.code, method: req.method, path: req.path }, known.message);
      res.status(status).json(body(known.code, known.message, known.details));
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json(body('internal', 'Something went wrong on our side; it has been logged.'));
  };
}

/** JSON 404 for any route nobody answered. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(body('not_found', `No route for ${req.method} ${req.path}`));
};

/**
 * Errors are values with reasons: every failure the service can explain carries a machine-readable code,
 * and the HTTP layer maps codes to statuses in exactly one place (server/middleware/errorHandler.ts).
 */
export type ErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'token_expired'
  | 'needs_reauthorization'
  | 'upstream_unavailable'
  | 'not_configured'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

import type { CrmFailure } from './crmErrors.ts';

/**
 * BatchResponse / BatchResponseWithErrors envelopes (reference §2 schemas, §12.6 sample): `status: COMPLETE`,
 * `startedAt`/`completedAt`, and for 207 `numErrors` + `errors[]` whose context names the failed input's
 * `objectWriteTraceId`.
 */
export interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors?: unknown[];
}

/** `now` comes from the sandbox clock; the sandbox does the work synchronously, so it starts and completes then. */
export function batchBody(now: number, results: unknown[], errors: BatchError[] = []) {
  const body: Record<string, unknown> = { status: 'COMPLETE', results };
  if (errors.length > 0) {
    body.numErrors = errors.length;
    body.errors = errors;
  }
  body.startedAt = new Date(now).toISOString();
  body.completedAt = new Date(now).toISOString();
  return body;
}

/** A failed input of a partial batch, reported like §12.6 (no correlationId per entry). */
export function batchErrorOf(f: CrmFailure, traceId?: string): BatchError {
  const context: Record<string, string[]> = { ...(f.body.context ?? {}) };
  if (traceId !== undefined) context.objectWriteTraceId = [traceId];
  const entry: BatchError = { status: 'error', category: f.body.category, message: f.body.message, context };
  if (f.body.errors) entry.errors = f.body.errors;
  return entry;
}

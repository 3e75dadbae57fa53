import { AppError } from '../errors.ts';
import type { EnqueueInput } from './types.ts';

/** An enqueue input with defaults applied and the payload serialized, ready for the INSERT. */
export interface JobInsert {
  type: string;
  portalId: number;
  objectKey: string | null;
  idempotencyKey: string;
  payload: string;
  priority: number;
  runAt: number;
  maxAttempts: number;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);
const isText = (s: unknown): s is string => typeof s === 'string' && s.length > 0;

/** Names the first bad field, so a caller bug reads `jobs[3].idempotencyKey: …` rather than a SQLite error. */
function problemOf(input: EnqueueInput): string | undefined {
  if (!isText(input.type)) return 'type: must be a non-empty string';
  if (!isInt(input.portalId)) return 'portalId: must be an integer';
  if (!isText(input.idempotencyKey)) return 'idempotencyKey: must be a non-empty string';
  if (input.objectKey !== undefined && !isText(input.objectKey)) return 'objectKey: must be a non-empty string';
  if (input.priority !== undefined && !isInt(input.priority)) return 'priority: must be an integer';
  if (input.runAt !== undefined && !isInt(input.runAt)) return 'runAt: must be epoch milliseconds';
  if (input.maxAttempts !== undefined && !(isInt(input.maxAttempts) && input.maxAttempts >= 1)) {
    return 'maxAttempts: must be an integer ≥ 1';
  }
  if (input.payload === undefined) return 'payload: required (use null for none)';
  return undefined;
}

/** Validates one input and applies defaults; throws AppError `validation` naming the field. */
export function toJobInsert(
  input: EnqueueInput,
  defaults: { now: number; maxAttempts: number },
  label = 'job',
): JobInsert {
  const problem = problemOf(input);
  if (problem) throw new AppError('validation', `${label}.${problem}`);
  const payload = JSON.stringify(input.payload);
  if (payload === undefined) throw new AppError('validation', `${label}.payload: must be JSON-serializable`);
  return {
    type: input.type,
    portalId: input.portalId,
    objectKey: input.objectKey ?? null,
    idempotencyKey: input.idempotencyKey,
    payload,
    priority: input.priority ?? 0,
    runAt: input.runAt ?? defaults.now,
    maxAttempts: input.maxAttempts ?? defaults.maxAttempts,
  };
}

import { randomUUID } from 'node:crypto';
import { isAppError } from '../errors.ts';
import {
  type BatchOutcome,
  type BatchResponseBody,
  defaultMatchKeys,
  type ItemError,
  type MatchKeys,
  mergeBatchResponse,
} from './batchMerge.ts';
import { parseErrorBody } from './errorBody.ts';

export type { BatchOutcome, BatchResponseBody, ItemError } from './batchMerge.ts';

/** "Object API batch endpoints are limited to 100 inputs per request" (reference §2). */
export const BATCH_LIMIT = 100;
/** Associations v4: batch read ≤ 1,000 inputs, batch create ≤ 2,000 (reference §4.1). */
export const ASSOCIATIONS_READ_LIMIT = 1_000;
export const ASSOCIATIONS_CREATE_LIMIT = 2_000;

export interface RunInBatchesOptions<I, R> extends Partial<MatchKeys<I, R>> {
  /** Inputs per request; default 100. */
  chunkSize?: number;
  /** Chunks in flight at once; default 1 (the rate budget paces calls anyway). */
  concurrency?: number;
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('chunk size must be a positive integer');
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Gives every input without one a unique `objectWriteTraceId`, so 207 errors name their input
 * (reference §2, "Multi-status"). Returns copies; inputs that already have one keep it.
 */
export function withTraceIds<I extends object>(
  inputs: readonly I[],
  makeId: (index: number) => string = traceIdMaker(),
): (I & { objectWriteTraceId: string })[] {
  return inputs.map((input, i) => {
    const existing = (input as { objectWriteTraceId?: unknown }).objectWriteTraceId;
    return { ...input, objectWriteTraceId: typeof existing === 'string' && existing !== '' ? existing : makeId(i) };
  });
}

/** Trace ids unique per run: `sb-<8 random hex>-<index>`. */
export function traceIdMaker(random: () => string = randomUUID): (index: number) => string {
  const run = random().replace(/-/g, '').slice(0, 8);
  return (index) => `sb-${run}-${index}`;
}

/**
 * What every input of a chunk gets when the whole request failed: the HTTP status and HubSpot's
 * category/message when there was an answer (an AppError from the gateway, or an SDK ApiException with
 * `code` and `body`, reference §1.3); otherwise status 0 with the error kept in `cause`.
 */
export function chunkFailure(err: unknown): ItemError {
  if (isAppError(err)) {
    const details = (err.details ?? {}) as { status?: unknown; category?: unknown };
    const status = typeof details.status === 'number' ? details.status : 0;
    const category = typeof details.category === 'string' ? details.category : err.code.toUpperCase();
    return { status, category, message: err.message };
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number') {
    const body = parseErrorBody((err as { body?: unknown }).body);
    return {
      status: code,
      category: body.category ?? 'HTTP_ERROR',
      message: body.message ?? `HubSpot answered ${code}`,
    };
  }
  return {
    status: 0,
    category: 'REQUEST_FAILED',
    message: 'The batch request failed before HubSpot answered',
    cause: err,
  };
}

/**
 * Runs `inputs` through `send` in chunks and returns one outcome per input, in input order.
 * `send` gets each chunk and returns HubSpot's batch body (200/201/207); if it throws, every input of
 * that chunk gets `chunkFailure(err)` and the other chunks still run.
 */
export async function runInBatches<I, R>(
  inputs: readonly I[],
  send: (chunk: I[]) => Promise<BatchResponseBody<R>>,
  options: RunInBatchesOptions<I, R> = {},
): Promise<BatchOutcome<I, R>[]> {
  const keys: MatchKeys<I, R> = {
    inputId: options.inputId ?? defaultMatchKeys.inputId,
    resultId: options.resultId ?? defaultMatchKeys.resultId,
  };
  const chunks = chunk(inputs, options.chunkSize ?? BATCH_LIMIT);
  const perChunk: BatchOutcome<I, R>[][] = new Array(chunks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < chunks.length; i = next++) {
      const part = chunks[i]!;
      try {
        perChunk[i] = mergeBatchResponse(part, await send(part), keys);
      } catch (err) {
        const error = chunkFailure(err);
        perChunk[i] = part.map((input) => ({ input, ok: false, error }));
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, chunks.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return perChunk.flat();
}

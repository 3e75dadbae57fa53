import { contextList, type HubspotErrorBody, parseErrorBody } from './errorBody.ts';

/**
 * Maps a batch response (200/201/207, reference §2 and the 207 sample §12.6) back to its inputs.
 * Pure. HubSpot does not promise result order, so results are matched by `objectWriteTraceId`, then by
 * id; errors by `context.objectWriteTraceId`, `context.ids` or the error's `id`. Giving every input an
 * objectWriteTraceId (batching.ts does) makes the match exact; see fillLeftovers for the rest.
 */
export interface ItemError {
  /** HTTP-like status: the call's status for a whole-chunk failure, derived from `category` for one item; 0 = none. */
  status: number;
  category: string;
  message: string;
  context?: Record<string, unknown>;
  /** The thrown error, for a whole-chunk failure that was not an HTTP answer (log it; never shown to users). */
  cause?: unknown;
}

export type BatchOutcome<I, R> = { input: I; ok: true; result: R } | { input: I; ok: false; error: ItemError };

export interface BatchResponseBody<R> {
  results?: R[];
  errors?: unknown[];
}

export interface MatchKeys<I, R> {
  inputId: (input: I) => string | undefined;
  resultId: (result: R) => string | undefined;
}

const field = (value: unknown, key: string): string | undefined => {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
};

/** Default keys: `input.id` / `result.id` (batch read, update, upsert). */
export const defaultMatchKeys: MatchKeys<unknown, unknown> = {
  inputId: (input) => field(input, 'id'),
  resultId: (result) => field(result, 'id'),
};

// Per-item errors carry `status: "error"`, not a number; the category says what went wrong.
const STATUS_BY_CATEGORY: Record<string, number> = {
  VALIDATION_ERROR: 400,
  OBJECT_NOT_FOUND: 404,
  CONFLICT: 409,
  OBJECT_ALREADY_EXISTS: 409,
  RATE_LIMITS: 429,
  MISSING_SCOPES: 403,
};

/** One entry of `errors[]` as an ItemError. */
export function itemErrorOf(body: HubspotErrorBody): ItemError {
  const category = body.category ?? 'UNKNOWN';
  const error: ItemError = {
    status: STATUS_BY_CATEGORY[category] ?? 400,
    category,
    message: body.message ?? 'HubSpot reported an error for this input',
  };
  if (body.context && Object.keys(body.context).length > 0) error.context = body.context;
  return error;
}

const NO_RESULT: ItemError = {
  status: 0,
  category: 'MISSING_RESULT',
  message: 'HubSpot returned neither a result nor an error for this input',
};

class InputIndex<I> {
  readonly #positions = new Map<string, number[]>();

  constructor(inputs: readonly I[], inputId: (input: I) => string | undefined) {
    inputs.forEach((input, i) => {
      const trace = field(input, 'objectWriteTraceId');
      if (trace !== undefined) this.#add(`trace:${trace}`, i);
      const id = inputId(input);
      if (id !== undefined) this.#add(`id:${id}`, i);
    });
  }

  #add(key: string, position: number): void {
    const list = this.#positions.get(key);
    if (list) list.push(position);
    else this.#positions.set(key, [position]);
  }

  positions(key: string): number[] {
    return this.#positions.get(key) ?? [];
  }
}

function errorPositions<I>(error: HubspotErrorBody, index: InputIndex<I>): number[] {
  const traces = contextList(error.context, 'objectWriteTraceId').map((t) => `trace:${t}`);
  const ids = [...contextList(error.context, 'ids'), ...contextList(error.context, 'id')];
  if (error.id !== undefined) ids.push(error.id);
  const keys = [...traces, ...ids.map((id) => `id:${id}`)];
  return [...new Set(keys.flatMap((k) => index.positions(k)))];
}

/** Outcome for every input of one chunk, in input order. */
export function mergeBatchResponse<I, R>(
  inputs: readonly I[],
  body: BatchResponseBody<R>,
  keys: MatchKeys<I, R>,
): BatchOutcome<I, R>[] {
  const index = new InputIndex(inputs, keys.inputId);
  const outcomes: (BatchOutcome<I, R> | undefined)[] = inputs.map(() => undefined);
  const unmatchedErrors: ItemError[] = [];
  for (const raw of body.errors ?? []) {
    const parsed = parseErrorBody(raw);
    const positions = errorPositions(parsed, index).filter((p) => outcomes[p] === undefined);
    if (positions.length === 0) unmatchedErrors.push(itemErrorOf(parsed));
    for (const p of positions) outcomes[p] = { input: inputs[p]!, ok: false, error: itemErrorOf(parsed) };
  }
  const leftoverResults: R[] = [];
  for (const result of body.results ?? []) {
    const trace = field(result, 'objectWriteTraceId');
    const id = keys.resultId(result);
    const candidates = [
      ...(trace === undefined ? [] : index.positions(`trace:${trace}`)),
      ...(id === undefined ? [] : index.positions(`id:${id}`)),
    ];
    const p = candidates.find((c) => outcomes[c] === undefined);
    if (p === undefined) leftoverResults.push(result);
    else outcomes[p] = { input: inputs[p]!, ok: true, result };
  }
  return fillLeftovers(inputs, outcomes, leftoverResults, unmatchedErrors);
}

// Inputs nothing names: pair with unnamed results in order only when the counts agree; with no results
// left they certainly failed; otherwise which of them failed is unknown, and saying so beats guessing.
function leftoverError(results: number, errors: ItemError[]): ItemError {
  if (results === 0 && errors.length === 1) return errors[0]!;
  if (results === 0 && errors.length === 0) return NO_RESULT;
  const message =
    results === 0
      ? `HubSpot reported ${errors.length} errors for this batch without saying which input each belongs to`
      : `HubSpot's answer could not be matched to this input (${results} unnamed results, ${errors.length} unnamed errors); its outcome is unknown`;
  return { status: 0, category: results === 0 ? 'UNMATCHED_ERROR' : 'UNKNOWN_OUTCOME', message, context: { errors } };
}

function fillLeftovers<I, R>(
  inputs: readonly I[],
  outcomes: (BatchOutcome<I, R> | undefined)[],
  results: R[],
  errors: ItemError[],
): BatchOutcome<I, R>[] {
  const open = outcomes.flatMap((o, i) => (o === undefined ? [i] : []));
  const pairInOrder = open.length === results.length;
  const error = pairInOrder ? NO_RESULT : leftoverError(results.length, errors);
  open.forEach((p, n) => {
    const input = inputs[p]!;
    outcomes[p] = pairInOrder ? { input, ok: true, result: results[n]! } : { input, ok: false, error };
  });
  return outcomes as BatchOutcome<I, R>[];
}

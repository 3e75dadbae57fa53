import { z } from 'zod';
import type { Portal } from '../state.ts';
import { associate, associationsOf, dissociate } from './associationStore.ts';
import { defaultType } from './associationTypes.ts';
import { checkEnds, defaultResults, labelsBetween, multiAssociated, resolveSpecs } from './associationViews.ts';
import { type BatchError, batchBody, batchErrorOf } from './batchResponses.ts';
import { batchLimitFailure, validationFailure } from './crmErrors.ts';
import { fromFailure, type Outcome } from './outcome.ts';
import { isCrmFailure } from './recordLookup.ts';
import { parseBody } from './requestBodies.ts';
import { specList } from './associationOperations.ts';

/**
 * v4 association batch endpoints (reference §4.1): associate/default 200 (errors, if any, inside the 200 body:
 * the SDK accepts no other code there), create 201/207, read 200/207, archive and labels/archive 204.
 * Input limits: read ≤ 1,000, the others ≤ 2,000 [D].
 */
const id = z.union([z.string(), z.number()]).transform(String);
const ref = z.object({ id });
const pairInputs = z.object({ inputs: z.array(z.object({ from: ref, to: ref })) });
const typedInputs = z.object({ inputs: z.array(z.object({ from: ref, to: ref, types: specList })) });
const readInputs = z.object({ inputs: z.array(z.object({ id, after: z.string().optional() })) });
const archiveInputs = z.object({ inputs: z.array(z.object({ from: ref, to: z.array(ref) })) });

export interface Pair {
  fromType: string;
  toType: string;
}

function parsed<T extends { inputs: unknown[] }>(schema: z.ZodType<T>, raw: unknown, max: number) {
  const p = parseBody(schema, raw);
  if (!p.ok) return fromFailure(p.failure);
  if (p.value.inputs.length > max) return fromFailure(batchLimitFailure(p.value.inputs.length, max));
  return p.value;
}

function isOutcome(x: unknown): x is Outcome {
  return typeof x === 'object' && x !== null && 'status' in x && !('inputs' in x);
}

export function batchAssociateDefault(portal: Portal, pair: Pair, raw: unknown, now: number): Outcome {
  const body = parsed(pairInputs, raw, 2000);
  if (isOutcome(body)) return body;
  const def = defaultType(pair.fromType, pair.toType);
  if (!def) return fromFailure(validationFailure(`${pair.fromType} cannot be associated with ${pair.toType}`));
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  for (const i of body.inputs) {
    const from = { type: pair.fromType, id: i.from.id };
    const to = { type: pair.toType, id: i.to.id };
    const missing = checkEnds(portal, from, to);
    if (missing) errors.push(batchErrorOf(missing));
    else {
      associate(portal, from, to, [def]);
      results.push(...defaultResults(from.id, to.id, def));
    }
  }
  return { status: 200, body: batchBody(now, results, errors) };
}

export function batchCreateAssociations(portal: Portal, pair: Pair, raw: unknown, now: number): Outcome {
  const body = parsed(typedInputs, raw, 2000);
  if (isOutcome(body)) return body;
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  for (const i of body.inputs) {
    const from = { type: pair.fromType, id: i.from.id };
    const to = { type: pair.toType, id: i.to.id };
    const defs = resolveSpecs(pair.fromType, pair.toType, i.types);
    const problem = isCrmFailure(defs) ? defs : checkEnds(portal, from, to);
    if (problem) errors.push(batchErrorOf(problem));
    else if (!isCrmFailure(defs)) {
      associate(portal, from, to, defs);
      results.push(labelsBetween(portal, from.type, from.id, to.type, to.id));
    }
  }
  return { status: errors.length > 0 ? 207 : 201, body: batchBody(now, results, errors) };
}

/** Ids without associations come back as 207 errors, as HubSpot reports them. [U wording] */
export function batchReadAssociations(portal: Portal, pair: Pair, raw: unknown, now: number): Outcome {
  const body = parsed(readInputs, raw, 1000);
  if (isOutcome(body)) return body;
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  for (const i of body.inputs) {
    const found = associationsOf(portal, pair.fromType, i.id, pair.toType);
    if (found.length > 0) results.push({ from: { id: i.id }, to: found.map(multiAssociated) });
    else {
      errors.push({
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        message: `No ${pair.toType} are associated with ${pair.fromType} ${i.id}.`,
        context: { fromObjectId: [i.id] },
      });
    }
  }
  return { status: errors.length > 0 ? 207 : 200, body: batchBody(now, results, errors) };
}

export function batchArchiveAssociations(portal: Portal, pair: Pair, raw: unknown): Outcome {
  const body = parsed(archiveInputs, raw, 2000);
  if (isOutcome(body)) return body;
  for (const i of body.inputs) {
    for (const to of i.to) dissociate(portal, { type: pair.fromType, id: i.from.id }, { type: pair.toType, id: to.id });
  }
  return { status: 204 };
}

/** Removes only the given types (labels) between each pair; unknown types are a 400. */
export function batchArchiveLabels(portal: Portal, pair: Pair, raw: unknown): Outcome {
  const body = parsed(typedInputs, raw, 2000);
  if (isOutcome(body)) return body;
  const plans = body.inputs.map((i) => ({ i, defs: resolveSpecs(pair.fromType, pair.toType, i.types) }));
  const bad = plans.find((p) => isCrmFailure(p.defs));
  if (bad && isCrmFailure(bad.defs)) return fromFailure(bad.defs);
  for (const { i, defs } of plans) {
    if (!isCrmFailure(defs))
      dissociate(portal, { type: pair.fromType, id: i.from.id }, { type: pair.toType, id: i.to.id }, defs);
  }
  return { status: 204 };
}

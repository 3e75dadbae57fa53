import { z } from 'zod';
import { errorBody } from '../errors.ts';
import type { Portal } from '../state.ts';
import { appEventObjectType, findAppEventType } from './appEvents.ts';
import { type OccurrenceInput, occurrenceSchema, validateOccurrence } from './appEventOccurrences.ts';
import { type BatchError, batchBody, batchErrorOf } from './batchResponses.ts';
import { batchLimitFailure } from './crmErrors.ts';
import { fromFailure, type Outcome } from './outcome.ts';
import { isCrmFailure } from './recordLookup.ts';
import { parseBody } from './requestBodies.ts';
import { objectScopes } from './scopes.ts';

/**
 * POST /integrators/timeline/{v4|2026-03}/events (single) and .../events/batch (reference hubspot-platform.md §3.2).
 * Success is 201: the reference says "201/200 on success" [C]; we answer 201 because an occurrence is created and
 * the v3 API it replaces answers 201 (hubspot-api.md §1.2). Callers should accept any 2xx. Batch: 201 when every
 * input was stored, 207 with per-input errors otherwise (like v3 batch/create) [U].
 * 403 when `portal.appEventsEnabled` is false: our model of "HubSpot has not approved app events for this app /
 * account" (approval is required, §3) — the real status for that case is an assumption. [M]
 */
export const MAX_OCCURRENCES_PER_BATCH = 500; // [U] the real limit is undocumented

/** 403 unless the caller holds `timeline` or the write scope of the event type's object. */
function scopeProblem(portal: Portal, scopes: string[], o: OccurrenceInput): Outcome | undefined {
  if (scopes.includes('timeline')) return undefined;
  const type = findAppEventType(portal, o.eventTypeName);
  const objectType = type && appEventObjectType(type);
  if (!objectType || objectScopes(objectType, 'write').some((s) => scopes.includes(s))) return undefined;
  return {
    status: 403,
    body: errorBody('MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call.", {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: ['timeline'] },
        },
      ],
    }),
  };
}

function notApproved(portal: Portal): Outcome | undefined {
  if (portal.appEventsEnabled) return undefined;
  return { status: 403, body: errorBody('FORBIDDEN', 'App events are not enabled for this app in this account.') }; // [M]
}

export function createOccurrence(portal: Portal, scopes: string[], raw: unknown, now: number): Outcome {
  const denied = notApproved(portal);
  if (denied) return denied;
  const parsed = parseBody(occurrenceSchema, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const scope = scopeProblem(portal, scopes, parsed.value);
  if (scope) return scope;
  const stored = validateOccurrence(portal, parsed.value, now);
  if (isCrmFailure(stored)) return fromFailure(stored);
  portal.timeline.push(stored);
  return { status: 201, body: stored };
}

export function createOccurrenceBatch(portal: Portal, scopes: string[], raw: unknown, now: number): Outcome {
  const denied = notApproved(portal);
  if (denied) return denied;
  const parsed = parseBody(z.object({ inputs: z.array(occurrenceSchema) }), raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const inputs = parsed.value.inputs;
  if (inputs.length > MAX_OCCURRENCES_PER_BATCH)
    return fromFailure(batchLimitFailure(inputs.length, MAX_OCCURRENCES_PER_BATCH));
  for (const o of inputs) {
    const scope = scopeProblem(portal, scopes, o);
    if (scope) return scope;
  }
  const results: unknown[] = [];
  const errors: BatchError[] = [];
  for (const o of inputs) {
    const stored = validateOccurrence(portal, o, now);
    if (isCrmFailure(stored)) {
      errors.push({ ...batchErrorOf(stored), context: { id: [o.id], eventTypeName: [o.eventTypeName] } });
      continue;
    }
    portal.timeline.push(stored); // stored one by one, so a repeated id later in the same batch is a 409 too
    results.push(stored);
  }
  return { status: errors.length > 0 ? 207 : 201, body: batchBody(now, results, errors) };
}

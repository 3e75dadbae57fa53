import { z } from 'zod';
import type { Portal } from '../state.ts';
import { validationFailure } from './crmErrors.ts';
import { fromFailure, type Outcome } from './outcome.ts';
import { parseBody } from './requestBodies.ts';

/**
 * Completing blocked custom-workflow-action executions (hubspot-api.md §9, hubspot-platform.md §5.3 [C]): 204 on
 * success. `outputFields` is required and a string→string map (SDK 14 sends only that; the spec's `typedOutputs`,
 * `failureReasonType` and `requestContext` are accepted when present). The sandbox cannot know which callbackIds
 * HubSpot issued, so any id is accepted once; completing the same id again is a 400. [M] (HubSpot's answer to a
 * repeated completion is undocumented.)
 */
const completion = z.object({
  outputFields: z.record(z.string(), z.string()),
  typedOutputs: z.record(z.string(), z.unknown()).optional(),
  failureReasonType: z.string().optional(),
  requestContext: z.record(z.string(), z.unknown()).optional(),
});
const batch = z.object({ inputs: z.array(completion.extend({ callbackId: z.string().min(1) })) });

function alreadyCompleted(portal: Portal, ids: string[]): string | undefined {
  const seen = new Set(portal.callbacks.map((c) => c.callbackId));
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}

export function completeCallback(portal: Portal, callbackId: string, raw: unknown, now: number): Outcome {
  const parsed = parseBody(completion, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  if (alreadyCompleted(portal, [callbackId])) {
    return fromFailure(validationFailure(`Callback ${callbackId} has already been completed`));
  }
  portal.callbacks.push({ callbackId, outputFields: parsed.value.outputFields, completedAt: now });
  return { status: 204 };
}

/** All-or-nothing: one invalid or already-completed input rejects the whole batch. [M] */
export function completeCallbackBatch(portal: Portal, raw: unknown, now: number): Outcome {
  const parsed = parseBody(batch, raw);
  if (!parsed.ok) return fromFailure(parsed.failure);
  const repeated = alreadyCompleted(
    portal,
    parsed.value.inputs.map((i) => i.callbackId),
  );
  if (repeated) return fromFailure(validationFailure(`Callback ${repeated} has already been completed`));
  for (const i of parsed.value.inputs) {
    portal.callbacks.push({ callbackId: i.callbackId, outputFields: i.outputFields, completedAt: now });
  }
  return { status: 204 };
}

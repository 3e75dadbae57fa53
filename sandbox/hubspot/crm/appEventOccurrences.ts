import { z } from 'zod';
import { errorBody } from '../errors.ts';
import type { AppEventOccurrence, AppEventType, Portal } from '../state.ts';
import { appEventObjectType, findAppEventType } from './appEvents.ts';
import { type CrmFailure, validationFailure } from './crmErrors.ts';
import { parseInstant } from './propertyValues.ts';
import { findByProperty, findLive } from './records.ts';

/**
 * Validates and stores app-event occurrences (hubspot-platform.md §3.2, schema AppEventOccurrence [C]): required
 * `eventTypeName`, `id`, `properties` (string map); one record identity (`objectId`, or `email` for contact types,
 * `domain` for company types); properties must be declared by the type and enumeration values among its options;
 * an existing (type, id) pair is 409 because occurrences are immutable.
 */
const value = z.union([z.string(), z.number(), z.boolean()]).transform(String); // JSON numbers stringified [U]

export const occurrenceSchema = z.object({
  eventTypeName: z.string().min(1),
  id: z.string().min(1),
  properties: z.record(z.string(), value),
  objectId: z.union([z.string(), z.number()]).transform(String).optional(),
  email: z.string().optional(),
  utk: z.string().optional(),
  domain: z.string().optional(),
  objectTypeFullyQualifiedName: z.string().optional(),
  timestamp: z.string().optional(),
  extraData: z.unknown().optional(),
  timelineIFrame: z
    .object({ linkLabel: z.string(), headerLabel: z.string(), url: z.string(), width: z.number(), height: z.number() })
    .optional(),
});
export type OccurrenceInput = z.infer<typeof occurrenceSchema>;

function checkProperties(type: AppEventType, props: Record<string, string>): string | undefined {
  for (const [name, v] of Object.entries(props)) {
    const def = type.properties.find((p) => p.name === name);
    if (!def) return `Property "${name}" is not defined for event type ${type.name}`;
    if (def.options && !def.options.some((o) => o.value === v)) {
      return `${v} is not a valid option for property "${name}": [${def.options.map((o) => o.value).join(', ')}]`;
    }
  }
  return undefined;
}

/** Resolves the record the occurrence belongs to; a missing record is a 400 (HubSpot cannot place the event). [U] */
function resolveObjectId(portal: Portal, objectType: string, o: OccurrenceInput): string | CrmFailure {
  if (o.objectId !== undefined) {
    return findLive(portal, objectType, o.objectId)
      ? o.objectId
      : validationFailure(`No ${objectType} record with id ${o.objectId}`);
  }
  const byEmail =
    objectType === 'contacts' && o.email ? findByProperty(portal, objectType, 'email', o.email) : undefined;
  const byDomain =
    objectType === 'companies' && o.domain ? findByProperty(portal, objectType, 'domain', o.domain) : undefined;
  const found = byEmail ?? byDomain;
  if (found) return found.id;
  // utk cannot be resolved offline, and email/domain must name an existing record. [M]
  return validationFailure('The occurrence must identify an existing record by objectId (or email / domain)');
}

/** Checks an occurrence against the portal; returns the stored form or the failure to report. */
export function validateOccurrence(portal: Portal, o: OccurrenceInput, now: number): AppEventOccurrence | CrmFailure {
  const type = findAppEventType(portal, o.eventTypeName);
  if (!type) return validationFailure(`Event type ${o.eventTypeName} does not exist`);
  const objectType = appEventObjectType(type);
  if (!objectType) return validationFailure(`Event type ${type.name} targets unsupported object ${type.objectType}`);
  const propProblem = checkProperties(type, o.properties);
  if (propProblem) return validationFailure(propProblem);
  if (o.timestamp !== undefined && parseInstant(o.timestamp) === undefined) {
    return validationFailure(`timestamp ${o.timestamp} is not an ISO 8601 date-time`);
  }
  const objectId = resolveObjectId(portal, objectType, o);
  if (typeof objectId !== 'string') return objectId;
  if (portal.timeline.some((t) => t.eventTypeName === type.name && t.id === o.id)) {
    return {
      status: 409,
      body: errorBody('CONFLICT', `An event with id ${o.id} already exists for event type ${type.name}`),
    };
  }
  const timestamp = new Date(o.timestamp !== undefined ? (parseInstant(o.timestamp) as number) : now).toISOString();
  return { eventTypeName: type.name, id: o.id, objectId, timestamp, properties: o.properties, extraData: o.extraData };
}

import type { Portal, PropertyDefinition, StoredObject } from '../state.ts';
import { computedProperties, profileOf } from './objectProfiles.ts';
import { checkValue } from './propertyValues.ts';

/** One entry of HubSpot's "Property values were not valid: [...]" list (reference §12.6). */
export interface PropertyIssue {
  name: string;
  error: string;
  message: string;
}

export interface ValidatedProperties {
  values: Record<string, string>;
  issues: PropertyIssue[];
}

/** Pipeline/stage property pairs checked against the portal's pipelines rather than static options. */
const PIPELINE_PROPS: Record<string, { pipeline: string; stage: string }> = {
  deals: { pipeline: 'pipeline', stage: 'dealstage' },
  tickets: { pipeline: 'hs_pipeline', stage: 'hs_pipeline_stage' },
};
const OWNER_PROP = 'hubspot_owner_id';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function definitionOf(portal: Portal, objectType: string, name: string): PropertyDefinition | undefined {
  return portal.properties.get(objectType)?.get(name);
}

function checkOne(portal: Portal, objectType: string, name: string, raw: string, current?: StoredObject) {
  if (computedProperties(objectType).includes(name)) {
    return { ok: false as const, error: 'READ_ONLY_VALUE', message: `Property "${name}" is read-only` }; // code [U]
  }
  const def = definitionOf(portal, objectType, name);
  if (!def) return { ok: false as const, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` };
  if (def.readOnlyValue)
    return { ok: false as const, error: 'READ_ONLY_VALUE', message: `Property "${name}" is read-only` };
  const pp = PIPELINE_PROPS[objectType];
  if (pp && (name === pp.pipeline || name === pp.stage)) return { ok: true as const, value: raw }; // checked below
  if (name === OWNER_PROP && raw !== '') {
    // Owner ids are the options of hubspot_owner_id; an unknown owner is an invalid option. [U] code
    const known = portal.owners.some((o) => o.id === raw);
    return known
      ? { ok: true as const, value: raw }
      : { ok: false as const, error: 'INVALID_OPTION', message: `${raw} was not one of the allowed options` };
  }
  if (objectType === 'contacts' && name === 'email' && raw !== '' && !EMAIL.test(raw)) {
    return { ok: false as const, error: 'INVALID_EMAIL', message: `Email address ${raw} is invalid` }; // [U] wording
  }
  return checkValue(def, raw, current?.properties[name]);
}

function checkPipeline(portal: Portal, objectType: string, values: Record<string, string>, current?: StoredObject) {
  const pp = PIPELINE_PROPS[objectType];
  if (!pp || (!(pp.pipeline in values) && !(pp.stage in values))) return [];
  const issues: PropertyIssue[] = [];
  const pipelineId = values[pp.pipeline] ?? current?.properties[pp.pipeline] ?? '';
  const stageId = values[pp.stage] ?? current?.properties[pp.stage] ?? '';
  const pipeline = (portal.pipelines.get(objectType) ?? []).find((p) => p.id === pipelineId);
  if (pipelineId !== '' && !pipeline) {
    issues.push({ name: pp.pipeline, error: 'INVALID_OPTION', message: `${pipelineId} is not a valid pipeline` });
  }
  // The stage must belong to the record's (new or current) pipeline. [U] message wording
  if (pipeline && stageId !== '' && !pipeline.stages.some((s) => s.id === stageId)) {
    issues.push({
      name: pp.stage,
      error: 'INVALID_OPTION',
      message: `${stageId} is not a valid stage of pipeline ${pipelineId}`,
    });
  }
  return issues;
}

function checkRequired(objectType: string, values: Record<string, string>): PropertyIssue[] {
  const issues: PropertyIssue[] = [];
  for (const anyOf of profileOf(objectType).required) {
    if (anyOf.some((n) => (values[n] ?? '') !== '')) continue;
    const name = anyOf[0] ?? '';
    const message =
      anyOf.length === 1
        ? `Property "${name}" is required`
        : `One of ${anyOf.map((n) => `"${n}"`).join(' or ')} is required`;
    issues.push({ name, error: 'REQUIRED_PROPERTY', message }); // code [U]
  }
  return issues;
}

/**
 * Validates and normalises a create (no `current`) or update (`current` given) property map.
 * Values come back as HubSpot stores them (dates as YYYY-MM-DD, datetimes as ISO, bools lower-case).
 */
export function validateProperties(
  portal: Portal,
  objectType: string,
  input: Record<string, string>,
  current?: StoredObject,
): ValidatedProperties {
  const values: Record<string, string> = {};
  const issues: PropertyIssue[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const r = checkOne(portal, objectType, name, raw, current);
    if (r.ok) values[name] = r.value;
    else issues.push({ name, error: r.error, message: r.message });
  }
  issues.push(...checkPipeline(portal, objectType, values, current));
  if (!current) issues.push(...checkRequired(objectType, values));
  return { values, issues };
}

import {
  isCustomField,
  isStandardField,
  type OrderFieldKind,
  type OrderFieldMapping,
  STANDARD_ORDER_FIELDS,
  type SourceObject,
} from './orderFields.ts';

/**
 * Checks a portal's order mapping against the fields HubSpot says the portal has (field discovery, reference §5:
 * `type` string|number|date|datetime|enumeration|bool|phone_number and `fieldType`). Pure: definitions are an input.
 */
export interface HubspotPropertyDefinition {
  name: string;
  label?: string;
  type: string;
  fieldType: string;
  options?: { value: string; label?: string }[];
  /** HubSpot computes the value (e.g. hs_object_id, createdate): it cannot be written. */
  readOnlyValue?: boolean;
}

export interface DiscoveredOrderFields {
  deals: readonly HubspotPropertyDefinition[];
  companies: readonly HubspotPropertyDefinition[];
}

export interface MappingIssue {
  field: string;
  severity: 'error' | 'warning';
  message: string;
}

const TEXT_LIKE = new Set(['string', 'enumeration', 'phone_number']);
const KIND_WORD: Record<OrderFieldKind, string> = {
  text: 'text',
  number: 'a number',
  date: 'a date',
  bool: 'a yes/no',
};

/** Which HubSpot property types can fill an order field of each kind when read from HubSpot. */
function readable(kind: OrderFieldKind, p: HubspotPropertyDefinition): boolean {
  if (kind === 'number') return p.type === 'number';
  if (kind === 'date') return p.type === 'date' || p.type === 'datetime';
  if (kind === 'bool') return p.type === 'bool' || p.fieldType === 'booleancheckbox';
  return true; // any value reads as text
}

/** Writing back (Switchboard wins) needs the property to accept the order's value unchanged. */
function writable(kind: OrderFieldKind, p: HubspotPropertyDefinition): boolean {
  if (p.readOnlyValue || p.fieldType === 'calculation_equation') return false;
  return kind === 'text' ? TEXT_LIKE.has(p.type) : readable(kind, p);
}

const objectWord = (source: SourceObject) => (source === 'deal' ? 'Deal' : 'Company');
const describe = (p: HubspotPropertyDefinition) => `${p.type}/${p.fieldType}`;

function shapeIssues(m: OrderFieldMapping): string[] {
  if (isStandardField(m.field)) {
    const spec = STANDARD_ORDER_FIELDS[m.field];
    const out: string[] = [];
    if (m.kind !== spec.kind) out.push(`\`${m.field}\` is ${KIND_WORD[spec.kind]} field; it cannot be ${m.kind}`);
    if (m.source !== spec.source) out.push(`\`${m.field}\` is read from the ${spec.source}, not the ${m.source}`);
    return out;
  }
  return isCustomField(m.field) ? [] : [`\`${m.field}\` is not an order field (use custom.<key> for your own)`];
}

function propertyIssues(m: OrderFieldMapping, p: HubspotPropertyDefinition | undefined): MappingIssue[] {
  const where = `${objectWord(m.source)} property \`${m.property}\``;
  if (!p) {
    const message = `${where} does not exist in this portal; \`${m.field}\` ${m.required ? 'cannot be filled' : 'will stay empty'}`;
    return [{ field: m.field, severity: m.required ? 'error' : 'warning', message }];
  }
  if (!readable(m.kind, p)) {
    const message = `${where} holds ${describe(p)} values, but order field \`${m.field}\` is ${KIND_WORD[m.kind]} field: map a matching property`;
    return [{ field: m.field, severity: 'error', message }];
  }
  if (m.conflictPolicy === 'switchboard' && !writable(m.kind, p)) {
    const message = `${where} (${describe(p)}) cannot take the value of order field \`${m.field}\`, so Switchboard cannot win conflicts on it`;
    return [{ field: m.field, severity: 'error', message }];
  }
  return [];
}

function rowIssues(m: OrderFieldMapping, fields: DiscoveredOrderFields): MappingIssue[] {
  const shape = shapeIssues(m).map((message) => ({ field: m.field, severity: 'error' as const, message }));
  if (shape.length > 0) return shape;
  if (m.source === 'company' && m.conflictPolicy !== 'hubspot') {
    const message = `\`${m.field}\` is copied from the company; conflict policies apply to deal fields only`;
    return [{ field: m.field, severity: 'error', message }];
  }
  const defs = m.source === 'deal' ? fields.deals : fields.companies;
  return propertyIssues(
    m,
    defs.find((d) => d.name === m.property),
  );
}

/** Every problem with the mapping; it may be saved when no issue has severity `error`. */
export function validateOrderMapping(
  mapping: readonly OrderFieldMapping[],
  fields: DiscoveredOrderFields,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const seen = new Set<string>();
  for (const m of mapping) {
    if (seen.has(m.field))
      issues.push({ field: m.field, severity: 'error', message: `\`${m.field}\` is mapped twice` });
    seen.add(m.field);
    issues.push(...rowIssues(m, fields));
  }
  if (!seen.has('name'))
    issues.push({ field: 'name', severity: 'error', message: 'every order needs a name: map `name`' });
  return issues;
}

export const mappingErrors = (issues: readonly MappingIssue[]) => issues.filter((i) => i.severity === 'error');

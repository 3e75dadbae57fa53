import type { Portal, PropertyDefinition, PropertyOption } from './state.ts';

/**
 * Validation and public shape of property definitions (reference/hubspot-api.md §5): what
 * `POST /crm/v3/properties/{objectType}` accepts and what the SDK's `Property` model expects back.
 */

export const PROPERTY_TYPES = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number'] as const;

/** Valid type → fieldType pairs (§5). `phone_number` is not in the docs table: assumed → phonenumber [U]. */
export const FIELD_TYPES_BY_TYPE: Record<string, string[]> = {
  string: ['text', 'textarea', 'html', 'file', 'phonenumber', 'calculation_equation'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation'],
  bool: ['booleancheckbox', 'calculation_equation'],
  phone_number: ['phonenumber'],
};

/** "Up to 10 unique-ID properties per object" (§2). */
export const MAX_UNIQUE_PROPERTIES = 10;

/** One problem with an input, named by field, as HubSpot's ErrorDetail (§11.1). */
export interface FieldProblem {
  message: string;
  code: string;
  field: string;
}

const NAME_RE = /^[a-z][a-z0-9_]*$/; // HubSpot internal names: lowercase, digits, underscores [U: exact rule]

function missing(input: Record<string, unknown>, fields: string[]): FieldProblem[] {
  return fields
    .filter((f) => input[f] === undefined || input[f] === null || input[f] === '')
    .map((f) => ({ message: `${f} is required`, code: 'REQUIRED_FIELD', field: f }));
}

/** Options must carry label, value and hidden (SPEC OptionInput), with distinct values. */
export function checkOptions(raw: unknown): FieldProblem[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return [{ message: 'options must be an array', code: 'INVALID_TYPE', field: 'options' }];
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  raw.forEach((o: Record<string, unknown>, i) => {
    if (typeof o?.label !== 'string' || typeof o?.value !== 'string' || typeof o?.hidden !== 'boolean') {
      problems.push({
        message: `options[${i}] needs label, value and hidden`,
        code: 'INVALID_OPTION',
        field: `options[${i}]`,
      });
    } else if (seen.has(o.value)) {
      problems.push({
        message: `duplicate option value '${o.value}'`,
        code: 'DUPLICATE_OPTION',
        field: `options[${i}]`,
      });
    } else seen.add(o.value);
  });
  return problems;
}

export function checkTypePair(type: unknown, fieldType: unknown): FieldProblem[] {
  const allowed = typeof type === 'string' ? FIELD_TYPES_BY_TYPE[type] : undefined;
  if (!allowed) {
    return [{ message: `type must be one of ${PROPERTY_TYPES.join(', ')}`, code: 'INVALID_ENUM', field: 'type' }];
  }
  if (typeof fieldType !== 'string' || !allowed.includes(fieldType)) {
    return [
      {
        message: `fieldType '${String(fieldType)}' is not valid for type '${type}'; use one of ${allowed.join(', ')}`,
        code: 'INVALID_FIELD_TYPE',
        field: 'fieldType',
      },
    ];
  }
  return [];
}

/** Everything wrong with a PropertyCreate for this portal and object type (empty = valid). */
export function checkPropertyCreate(
  portal: Portal,
  objectType: string,
  input: Record<string, unknown>,
): FieldProblem[] {
  const required = missing(input, ['name', 'label', 'groupName', 'type', 'fieldType']);
  if (required.length > 0) return required;
  const problems: FieldProblem[] = [];
  if (typeof input.name !== 'string' || !NAME_RE.test(input.name) || input.name.length > 100) {
    problems.push({
      message: 'name must start with a letter and use lowercase letters, digits and underscores',
      code: 'INVALID_NAME',
      field: 'name',
    });
  }
  problems.push(...checkTypePair(input.type, input.fieldType), ...checkOptions(input.options));
  if (!portal.propertyGroups.get(objectType)?.has(String(input.groupName))) {
    problems.push({
      message: `property group '${String(input.groupName)}' does not exist`,
      code: 'GROUP_NOT_FOUND',
      field: 'groupName',
    });
  }
  if (input.hasUniqueValue === true) {
    const unique = [...(portal.properties.get(objectType)?.values() ?? [])].filter(
      (p) => p.hasUniqueValue && !p.hubspotDefined,
    );
    if (unique.length >= MAX_UNIQUE_PROPERTIES) {
      problems.push({
        message: `at most ${MAX_UNIQUE_PROPERTIES} unique-value properties per object`,
        code: 'TOO_MANY_UNIQUE',
        field: 'hasUniqueValue',
      });
    }
  }
  return problems;
}

function options(raw: unknown, type: string): PropertyOption[] {
  if (Array.isArray(raw)) {
    return raw.map((o: PropertyOption, i) => ({
      label: o.label,
      value: o.value,
      hidden: o.hidden,
      displayOrder: o.displayOrder ?? i,
      ...(o.description !== undefined ? { description: o.description } : {}),
    }));
  }
  // A bool property always has the two options HubSpot shows as the checkbox states [U: labels].
  return type === 'bool'
    ? [
        { label: 'Yes', value: 'true', hidden: false, displayOrder: 0 },
        { label: 'No', value: 'false', hidden: false, displayOrder: 1 },
      ]
    : [];
}

/** Builds the stored definition from a validated PropertyCreate. */
export function definitionFrom(input: Record<string, unknown>, at: string): PropertyDefinition {
  const type = input.type as PropertyDefinition['type'];
  return {
    name: String(input.name),
    label: String(input.label),
    groupName: String(input.groupName),
    type,
    fieldType: String(input.fieldType),
    description: typeof input.description === 'string' ? input.description : '',
    options: options(input.options, type),
    hasUniqueValue: input.hasUniqueValue === true,
    hubspotDefined: false,
    displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
    hidden: input.hidden === true,
    formField: input.formField === true,
    externalOptions: input.externalOptions === true,
    readOnlyValue: false,
    createdAt: at,
    updatedAt: at,
  };
}

/** The public `Property` JSON (SDK model `Property`: description, options, label, type, groupName… required). */
export function publicProperty(p: PropertyDefinition) {
  return {
    updatedAt: p.updatedAt,
    createdAt: p.createdAt,
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description ?? '',
    groupName: p.groupName,
    options: p.options ?? [],
    displayOrder: p.displayOrder ?? -1,
    calculated: false,
    externalOptions: p.externalOptions ?? false,
    hasUniqueValue: p.hasUniqueValue ?? false,
    hidden: p.hidden ?? false,
    ...(p.hubspotDefined ? { hubspotDefined: true } : {}),
    modificationMetadata: {
      archivable: !p.hubspotDefined,
      readOnlyDefinition: p.hubspotDefined === true,
      readOnlyValue: p.readOnlyValue ?? false,
    },
    formField: p.formField ?? false,
    dataSensitivity: 'non_sensitive',
    archived: false,
  };
}

/**
 * `workflow-action` component config — reference §5.1 (hpc/2025.2 workflow-actions templates, docs
 * add-features/custom-workflow-actions) with field enums from the v4 action-definition API as shipped in
 * @hubspot/api-client 14 (`PublicFieldTypeDefinition`, `PublicActionLabels`) [C for the API, M for hsmeta].
 */
import { z } from 'zod';

/** [C] PublicFieldTypeDefinitionFieldTypeEnum. */
const FIELD_TYPES = [
  'booleancheckbox',
  'calculation_equation',
  'checkbox',
  'date',
  'file',
  'html',
  'number',
  'phonenumber',
  'radio',
  'select',
  'text',
  'textarea',
] as const;
/** [C] PublicFieldTypeDefinitionTypeEnum. */
const VALUE_TYPES = [
  'bool',
  'date',
  'datetime',
  'enumeration',
  'json',
  'number',
  'object_coordinates',
  'phone_number',
  'string',
] as const;

const option = z.strictObject({ label: z.string().min(1), value: z.string().min(1) });

const typeDefinition = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and use letters, digits or _'),
    type: z.enum(VALUE_TYPES),
    fieldType: z.enum(FIELD_TYPES).optional(),
    options: z.array(option).optional(),
    // [M in hsmeta] Options fetched from our service at edit time; origin-bearing, see originFields.ts.
    optionsUrl: z.string().min(1).optional(),
    referencedObjectType: z.string().optional(),
    label: z.string().optional(),
    description: z.string().optional(),
    helpText: z.string().optional(),
  })
  .superRefine((def, ctx) => {
    if (def.type === 'enumeration' && !def.options?.length && !def.optionsUrl) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'an enumeration needs options (or optionsUrl)' });
    }
  });

const inputField = z.strictObject({
  typeDefinition,
  supportedValueTypes: z
    .array(
      z.enum(['STATIC_VALUE', 'OBJECT_PROPERTY', 'FIELD_DATA', 'FETCHED_OBJECT_PROPERTY', 'ENROLLMENT_EVENT_PROPERTY']),
    )
    .min(1)
    .optional(),
  isRequired: z.boolean(),
});

const fieldMap = z.record(z.string(), z.string());
const labels = z.strictObject({
  actionName: z.string().min(1),
  actionDescription: z.string().optional(),
  actionCardContent: z.string().optional(),
  appDisplayName: z.string().optional(),
  inputFieldLabels: fieldMap.optional(),
  inputFieldDescriptions: fieldMap.optional(),
  inputFieldOptionLabels: z.record(z.string(), fieldMap).optional(),
  outputFieldLabels: fieldMap.optional(),
  executionRules: fieldMap.optional(),
});

export const workflowActionConfigSchema = z.strictObject({
  actionUrl: z.string().min(1),
  isPublished: z.boolean().optional(),
  supportedClients: z.array(z.strictObject({ client: z.enum(['WORKFLOWS', 'AGENTS']) })).min(1),
  inputFields: z.array(inputField).optional(),
  outputFields: z.array(z.strictObject({ typeDefinition })).optional(),
  inputFieldDependencies: z.array(z.unknown()).optional(),
  // [M] executionRules/objectRequestOptions follow the v4 API; not in the 2025.2 template (reference §9.4).
  executionRules: z.array(z.unknown()).optional(),
  objectRequestOptions: z.strictObject({ properties: z.array(z.string()) }).optional(),
  // [C] `labels.en` with actionName is required (reference §5.1); other locales share the shape.
  labels: z.object({ en: labels }).catchall(labels),
  objectTypes: z
    .array(
      z
        .string()
        .regex(/^([A-Z][A-Z_]*|\d+-\d+)$/, 'must be an upper-case object type such as CONTACT, or an id such as 0-1'),
    )
    .min(1),
});

export type WorkflowActionConfig = z.output<typeof workflowActionConfigSchema>;

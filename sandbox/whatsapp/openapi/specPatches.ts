import type { JsonSchema, SchemaMap } from './loadSpec.ts';

/**
 * Errata applied to Meta's send-message schema before validation. Each one is a place where the spec
 * contradicts its own examples or Meta's prose docs; the reason is next to the patch. Everything not listed
 * here is validated exactly as the spec says. Tags: [U] = unverified against the live API.
 */
export interface SpecPatch {
  schema: string;
  why: string;
  apply(schema: JsonSchema): void;
}

const props = (s: JsonSchema): Record<string, JsonSchema> => (s.properties ?? {}) as Record<string, JsonSchema>;
const without = (list: unknown, name: string): string[] => ((list as string[]) ?? []).filter((n) => n !== name);

const BUTTON_INDEX = {
  anyOf: [
    { type: 'string', pattern: '^[0-9]$' },
    { type: 'integer', minimum: 0, maximum: 9 },
  ],
};
const SUB_TYPES = ['quick_reply', 'url', 'catalog', 'flow', 'copy_code'];
const BUTTON_SUB_TYPE = { type: 'string', enum: [...SUB_TYPES, ...SUB_TYPES.map((t) => t.toUpperCase())] };

export const SPEC_PATCHES: SpecPatch[] = [
  {
    schema: 'BaseMessageProperties',
    why: 'recipient_type is marked required, but Meta documents it as optional (default "individual") (reference/whatsapp.md §1).',
    apply: (s) => {
      s.required = without(s.required, 'recipient_type');
    },
  },
  {
    schema: 'BaseMessageProperties',
    why: 'messaging_product is a free string in the spec; Meta requires the literal "whatsapp" (every example and §1).',
    apply: (s) => {
      props(s).messaging_product = { type: 'string', const: 'whatsapp' };
    },
  },
  {
    schema: 'BaseMessageProperties',
    why: 'biz_opaque_callback_data (≤512 chars) is a documented send field echoed in status webhooks [U] (§1), but the spec only declares it on calls; without it the closed message schemas would reject it.',
    apply: (s) => {
      props(s).biz_opaque_callback_data = { type: 'string', maxLength: 512 };
    },
  },
  {
    schema: 'LanguageObject',
    why: "policy is marked required, but the spec's own template examples send only {code}.",
    apply: (s) => {
      s.required = without(s.required, 'policy');
    },
  },
  {
    schema: 'TemplateComponent',
    why: 'index pattern "^[2-6, 11-14]$" rejects "0", the index of the spec\'s own example (description: 0-9); other spec examples send a number [U]. sub_type lacks "flow"/"copy_code" and the "CATALOG" spelling that spec examples use [U].',
    apply: (s) => {
      props(s).index = BUTTON_INDEX;
      props(s).sub_type = BUTTON_SUB_TYPE;
    },
  },
  {
    schema: 'ButtonComponent',
    why: 'same index pattern and sub_type list as TemplateComponent.',
    apply: (s) => {
      const branch = (s.allOf as JsonSchema[]).find((b) => props(b).index);
      if (branch) Object.assign(props(branch), { index: BUTTON_INDEX, sub_type: BUTTON_SUB_TYPE });
    },
  },
  {
    schema: 'ButtonParameterObject',
    why: 'catalog and flow buttons take {type:"action", action:{...}} parameters (spec examples); the enum lists only payload/text [U].',
    apply: (s) => {
      props(s).type = { type: 'string', enum: ['payload', 'text', 'action', 'coupon_code'] };
    },
  },
  {
    schema: 'LocationMessage',
    why: "latitude/longitude are typed string, but the spec examples (and Meta's docs) send numbers [U].",
    apply: (s) => {
      const branch = (s.allOf as JsonSchema[]).find((b) => props(b).location);
      const location = branch && props(props(branch).location!);
      if (location) for (const k of ['latitude', 'longitude']) location[k] = { type: ['number', 'string'] };
    },
  },
  {
    schema: 'TextMessage',
    why: 'text.body is optional in the spec; a text message without a body is not sendable (Meta: "body" required) [U].',
    apply: (s) => {
      const branch = (s.allOf as JsonSchema[]).find((b) => props(b).text);
      if (branch) props(branch).text!.required = ['body'];
    },
  },
  {
    schema: 'ReactionMessage',
    why: 'reaction.message_id and emoji are optional in the spec; Meta\'s reaction docs require both (emoji "" removes) [U].',
    apply: (s) => {
      const branch = (s.allOf as JsonSchema[]).find((b) => props(b).reaction);
      if (branch) props(branch).reaction!.required = ['message_id', 'emoji'];
    },
  },
  {
    schema: 'InteractiveObject',
    why: 'BodyObject says "Optional for \'product\' type, required for other interactive message types"; the schema does not enforce it.',
    apply: (s) => {
      s.allOf = [
        ...((s.allOf as JsonSchema[]) ?? []),
        { if: { properties: { type: { const: 'product' } }, required: ['type'] }, else: { required: ['body'] } },
      ];
    },
  },
];

/** Applies every patch whose schema is present; throws if a patch no longer fits (spec changed upstream). */
export function applySpecPatches(schemas: SchemaMap, patches: SpecPatch[] = SPEC_PATCHES): SchemaMap {
  for (const patch of patches) {
    const schema = schemas[patch.schema];
    if (!schema) throw new Error(`spec patch target ${patch.schema} not found: re-check specPatches.ts`);
    patch.apply(schema);
  }
  return schemas;
}

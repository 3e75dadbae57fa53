import { type JsonSchema, type SchemaMap, schemaRef, walk } from './loadSpec.ts';

/**
 * Turns the OpenAPI 3.1 component schemas into something Ajv (JSON Schema 2020-12) validates the way the
 * spec's authors meant. Two OpenAPI-isms need translating; neither changes what is accepted in intent:
 *
 * 1. `discriminator` + `mapping` (Ajv does not support `mapping`). OpenAPI says: read the `type` property and
 *    validate against the mapped schema. We express exactly that with `if/then`, which also gives one precise
 *    error instead of eleven `oneOf` failures. Subtypes that `allOf` the discriminated base (e.g.
 *    `CurrencyParameter` → `ParameterObject`) are pointed at a copy without the discriminator, or they would
 *    recurse forever.
 * 2. `allOf: [ {$ref: BaseMessageProperties}, { additionalProperties: false, properties: {text} } ]`. In JSON
 *    Schema, `additionalProperties` only sees its own branch's `properties`, so read literally the spec rejects
 *    `messaging_product` and `to` in every text message, including Meta's own examples. The evident intent is
 *    "no keys beyond those declared across the allOf", so each closed branch gets the sibling names allowed.
 */
export function normalizeSchemas(schemas: SchemaMap): SchemaMap {
  expandDiscriminators(schemas);
  closeAllOfBranches(schemas);
  return schemas;
}

const BASE_SUFFIX = '__base';

function expandDiscriminators(schemas: SchemaMap): void {
  for (const name of Object.keys(schemas)) {
    const schema = schemas[name]!;
    const discriminator = schema.discriminator as
      | { propertyName: string; mapping?: Record<string, string> }
      | undefined;
    if (!discriminator?.mapping) continue;
    const { discriminator: _d, oneOf: _oneOf, ...base } = schema;
    const prop = discriminator.propertyName;
    const mapping = discriminator.mapping;
    schemas[name + BASE_SUFFIX] = base;
    for (const target of Object.values(mapping)) {
      const targetName = target.slice(schemaRef('').length);
      retargetRefs(schemas[targetName], schemaRef(name), schemaRef(name + BASE_SUFFIX));
    }
    const baseProps = (base.properties ?? {}) as Record<string, JsonSchema>;
    schemas[name] = {
      ...base,
      type: 'object',
      required: [...new Set([...((base.required as string[]) ?? []), prop])],
      properties: { ...baseProps, [prop]: baseProps[prop] ?? { enum: Object.keys(mapping) } },
      allOf: [
        ...((base.allOf as JsonSchema[]) ?? []),
        ...Object.entries(mapping).map(([value, target]) => ({
          if: { properties: { [prop]: { const: value } }, required: [prop] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited.
          then: { $ref: target },
        })),
      ],
    };
  }
}

function retargetRefs(node: unknown, from: string, to: string): void {
  walk(node, (obj) => {
    if (obj.$ref === from) obj.$ref = to;
  });
}

function closeAllOfBranches(schemas: SchemaMap): void {
  for (const schema of Object.values(schemas)) {
    walk(schema, (obj) => {
      if (!Array.isArray(obj.allOf)) return;
      const branches = obj.allOf as JsonSchema[];
      const declared = new Set(branches.flatMap((b) => declaredProperties(b, schemas)));
      for (const branch of branches) {
        if (branch.additionalProperties !== false) continue;
        const props = (branch.properties ?? {}) as Record<string, unknown>;
        for (const key of declared) if (!(key in props)) props[key] = true;
        branch.properties = props;
      }
    });
  }
}

/** Property names a branch declares, following a `$ref` and nested `allOf`s. */
function declaredProperties(branch: JsonSchema, schemas: SchemaMap, depth = 0): string[] {
  if (depth > 5) return [];
  const target = typeof branch.$ref === 'string' ? (schemas[branch.$ref.slice(schemaRef('').length)] ?? {}) : branch;
  const own = Object.keys((target.properties ?? {}) as object);
  const nested = ((target.allOf as JsonSchema[]) ?? []).flatMap((b) => declaredProperties(b, schemas, depth + 1));
  return [...own, ...nested];
}

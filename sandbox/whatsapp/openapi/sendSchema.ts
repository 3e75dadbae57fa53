import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { DEFAULT_SPEC_PATH, type JsonSchema, loadSendSpec, walk } from './loadSpec.ts';
import { normalizeSchemas } from './normalize.ts';
import { applySpecPatches } from './specPatches.ts';

/**
 * Validates a send-message request body against Meta's OpenAPI `Message` schema (the full v23.0 spec, not a
 * hand-written subset), after the errata in specPatches.ts and the translation in normalize.ts.
 * Compiled once per spec path per process: parsing the 1 MB YAML is the slow part.
 */

export type SendValidation = { ok: true; body: Record<string, unknown> } | { ok: false; details: string };

const cache = new Map<string, ValidateFunction>();

/** Returns (and caches) the compiled validator for the send-message body. */
export function sendBodyValidator(specPath = DEFAULT_SPEC_PATH): ValidateFunction {
  const hit = cache.get(specPath);
  if (hit) return hit;
  const { rootName, schemas } = loadSendSpec(specPath);
  normalizeSchemas(applySpecPatches(schemas));
  // Ajv has no `components` keyword: move the schemas under $defs and rewrite the refs to match.
  walk(schemas, (obj) => {
    if (typeof obj.$ref === 'string') obj.$ref = obj.$ref.replace('#/components/schemas/', '#/$defs/');
  });
  const ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: true, verbose: true });
  addFormats(ajv);
  // The spec uses `format: url` for media links (not a JSON Schema format): an absolute http(s) URL.
  ajv.addFormat('url', { type: 'string', validate: isHttpUrl });
  const root: JsonSchema = { $id: 'urn:switchboard:whatsapp-send', $defs: schemas, $ref: `#/$defs/${rootName}` };
  const validate = ajv.compile(root);
  cache.set(specPath, validate);
  return validate;
}

/** Validates a request body; on failure names the offending parameter the way Graph's error_data.details does. */
export function validateSendBody(raw: unknown, specPath?: string): SendValidation {
  const validate = sendBodyValidator(specPath);
  const body = withDefaultType(raw);
  if (validate(body)) return { ok: true, body: body as Record<string, unknown> };
  return { ok: false, details: describeErrors(validate.errors ?? []) };
}

/**
 * Meta's messages reference lists `type` as optional with default "text" [U]; the spec marks it required, yet
 * its "Send Text Message with Preview URL" example omits it. So a missing type means text, nothing more.
 */
function withDefaultType(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || 'type' in raw) return raw;
  return { ...raw, type: 'text' };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const COMBINATORS = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', '$ref']);

/**
 * Picks the most useful Ajv error. Inside a oneOf/anyOf (media id|link, action shapes, button index) a bad
 * value in the branch that fits is reported as such; otherwise the alternatives are listed.
 */
export function describeErrors(errors: ErrorObject[]): string {
  const choiceAt = errors.findIndex((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const choice = errors[choiceAt];
  if (!choice) {
    const leaf = errors.find((e) => !COMBINATORS.has(e.keyword)) ?? errors[0];
    return leaf ? describeLeaf(leaf) : 'The request body is invalid.';
  }
  const inside = errors
    .slice(0, choiceAt)
    .filter((e) => e.instancePath.startsWith(choice.instancePath) && !COMBINATORS.has(e.keyword));
  const badValue = inside.find((e) => e.keyword !== 'required' && e.keyword !== 'type');
  if (badValue) return describeLeaf(badValue);
  const shapes = ((choice.schema as { required?: string[]; type?: string }[]) ?? []).map((alt) =>
    alt.required ? alt.required.map((r) => `'${r}'`).join('+') : (alt.type ?? 'value'),
  );
  return `The parameter ${paramName(choice.instancePath)} must have exactly one of ${shapes.join(' or ')}.`;
}

function describeLeaf(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `The parameter ${paramName(e.instancePath, String(params.missingProperty))} is required.`;
    case 'additionalProperties':
      return `The parameter ${paramName(e.instancePath, String(params.additionalProperty))} is not a valid parameter.`;
    case 'enum':
      return `The parameter ${paramName(e.instancePath)} must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'const':
      return `The parameter ${paramName(e.instancePath)} must be ${JSON.stringify(params.allowedValue)}.`;
    default:
      return `The parameter ${paramName(e.instancePath)} ${e.message ?? 'is invalid'}.`;
  }
}

/** "/template/components/0/parameters" + "text" → "template.components[0].parameters.text". */
export function paramName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (child) parts.push(child);
  if (parts.length === 0) return '(request body)';
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
function addFormats(ajv: Ajv2020): void {
  const plugin = addFormatsPlugin as unknown as { default?: (a: Ajv2020) => void } & ((a: Ajv2020) => void);
  (plugin.default ?? plugin)(ajv);
}

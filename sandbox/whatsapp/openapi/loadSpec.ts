import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Reads Meta's official OpenAPI (facebook/openapi business-messaging-api_v23.0.yaml, copied unchanged into
 * shared/whatsapp-openapi/) and hands back the send-message request schema with everything it references.
 * The YAML is ~1 MB and takes ~1 s to parse, so the extract is kept per process (the parsed document is not).
 */

export type JsonSchema = { [key: string]: unknown };
export type SchemaMap = Record<string, JsonSchema>;

/** Repo layout: /work/main/sandbox/whatsapp/openapi → /work/shared/whatsapp-openapi. */
export const DEFAULT_SPEC_PATH = path.resolve(
  import.meta.dirname,
  '../../../../shared/whatsapp-openapi/business-messaging-api_v23.0.yaml',
);

const SEND_OPERATION_PATH = '/{Version}/{Phone-Number-ID}/messages';
const REF_PREFIX = '#/components/schemas/';

export interface SendSpec {
  /** Name of the request-body schema of `POST /{Version}/{Phone-Number-ID}/messages` ("Message"). */
  rootName: string;
  /** Every component schema transitively reachable from the root (deep copies: safe to patch). */
  schemas: SchemaMap;
}

const parsed = new Map<string, SendSpec>();

/** Loads the spec and extracts the send-message request schema plus its transitive $refs (fresh copies). */
export function loadSendSpec(specPath = DEFAULT_SPEC_PATH): SendSpec {
  let spec = parsed.get(specPath);
  if (!spec) {
    spec = parseSendSpec(specPath);
    parsed.set(specPath, spec);
  }
  return structuredClone(spec);
}

function parseSendSpec(specPath: string): SendSpec {
  const doc = parse(readFileSync(specPath, 'utf8')) as {
    paths: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } } }>;
    components: { schemas: SchemaMap };
  };
  const bodySchema = doc.paths[SEND_OPERATION_PATH]?.post?.requestBody?.content?.['application/json']?.schema;
  const rootRef = bodySchema?.$ref;
  if (typeof rootRef !== 'string' || !rootRef.startsWith(REF_PREFIX)) {
    throw new Error(`spec ${specPath}: POST ${SEND_OPERATION_PATH} has no $ref request schema`);
  }
  const rootName = rootRef.slice(REF_PREFIX.length);
  return { rootName, schemas: reachableSchemas(doc.components.schemas, rootName) };
}

/** Collects `start` and every schema it references ($ref or discriminator mapping), deep-copied. */
export function reachableSchemas(all: SchemaMap, start: string): SchemaMap {
  const out: SchemaMap = {};
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (out[name]) continue;
    const schema = all[name];
    if (!schema) throw new Error(`spec references missing schema ${name}`);
    out[name] = structuredClone(schema);
    for (const ref of refsIn(schema)) queue.push(ref);
  }
  return out;
}

/** Names of the component schemas a schema points at, through `$ref` and `discriminator.mapping`. */
export function refsIn(node: unknown): string[] {
  const found: string[] = [];
  walk(node, (obj) => {
    if (typeof obj.$ref === 'string' && obj.$ref.startsWith(REF_PREFIX)) found.push(obj.$ref.slice(REF_PREFIX.length));
    const mapping = (obj.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping;
    for (const target of Object.values(mapping ?? {})) found.push(target.slice(REF_PREFIX.length));
  });
  return found;
}

/** Visits every plain object in a JSON tree (pre-order). */
export function walk(node: unknown, visit: (obj: JsonSchema) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  visit(node as JsonSchema);
  for (const value of Object.values(node)) walk(value, visit);
}

export const schemaRef = (name: string): string => `${REF_PREFIX}${name}`;

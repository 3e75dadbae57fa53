/**
 * Normalises a HubSpot request to an endpoint template for the usage ledger, e.g.
 * `POST https://api.hubapi.com/crm/v3/objects/contacts/batch/create?x=1` → `POST /crm/v3/objects/{type}/batch/create`.
 * Ids, emails and tokens never reach the ledger: `GET /oauth/v1/access-tokens/<token>` carries a token in
 * its path (reference §8), and any segment that does not look like a plain word becomes `{id}`.
 */

// A plain word: letters with `_`/`-` inside (batch, line_items, access-tokens), or a version (v3).
const WORD = /^(v\d+|[a-z][a-z_-]{0,62}[a-z]|[a-z])$/i;
const OBJECT_TYPE_ID = /^\d+-\d+$/; // 0-1, 2-123456 (reference §2)

/** Rules applied in order to the path after ids are replaced; each says which segments name what. */
const RULES: readonly [RegExp, string][] = [
  // /crm/v3/objects/{type}/…, /crm/v4/objects/{type}/{id}/associations/{toType}/…
  [/^\/crm\/(v\d+)\/objects\/[^/]+/, '/crm/$1/objects/{type}'],
  [/^(\/crm\/v\d+\/objects\/\{type\}\/\{id\}\/associations)\/(?!default\/)[^/]+/, '$1/{toType}'],
  [/^(\/crm\/v\d+\/objects\/\{type\}\/\{id\}\/associations\/default)\/[^/]+/, '$1/{toType}'],
  // /crm/v4/associations/{fromType}/{toType}/batch/…
  [/^(\/crm\/v\d+\/associations)\/[^/]+\/[^/]+/, '$1/{fromType}/{toType}'],
  // /crm/v3/properties/{type}[/groups]/{name}
  [/^(\/crm\/v\d+\/properties)\/[^/]+/, '$1/{type}'],
  [/^(\/crm\/v\d+\/properties\/\{type\}\/groups)\/[^/]+$/, '$1/{name}'],
  [/^(\/crm\/v\d+\/properties\/\{type\})\/(?!batch$|groups$)[^/]+$/, '$1/{name}'],
  // /crm/v3/pipelines/{type}/{id}/stages/{id}
  [/^(\/crm\/v\d+\/pipelines)\/[^/]+/, '$1/{type}'],
  [/^(\/crm\/v\d+\/pipelines\/\{type\})\/(?!\{id\})[^/]+/, '$1/{id}'],
  // /oauth/v1/access-tokens/{token}, /oauth/v1/refresh-tokens/{token}
  [/^(\/oauth\/v\d+\/(?:access|refresh)-tokens)\/[^/]+/, '$1/{token}'],
  // /automation/v4/actions/callbacks/{callbackId}/complete
  [/^(\/automation\/v\d+\/actions\/callbacks)\/(?!complete$)[^/]+/, '$1/{id}'],
];

function pathOf(urlOrPath: string): string {
  const path = /^https?:\/\//i.test(urlOrPath) ? new URL(urlOrPath).pathname : urlOrPath.split(/[?#]/)[0]!;
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function genericSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return '{id}';
  }
  if (OBJECT_TYPE_ID.test(decoded)) return '{type}';
  return WORD.test(decoded) ? decoded : '{id}';
}

/** `METHOD /path/template` for a request; the query string is dropped. */
export function normalizeEndpoint(method: string, urlOrPath: string): string {
  const segments = pathOf(urlOrPath)
    .split('/')
    .slice(1)
    .filter((s) => s !== '');
  let template = `/${segments.map(genericSegment).join('/')}`;
  for (const [pattern, replacement] of RULES) template = template.replace(pattern, replacement);
  return `${method.toUpperCase()} ${template}`;
}

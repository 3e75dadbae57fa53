/**
 * The one definition of "origin-bearing field": every URL in the HubSpot project that must point at our service.
 * The checker (rules/originRules.ts) demands they agree; the generator (configureHubspotProject.ts) rewrites them.
 * Keeping both on this list is what makes PUBLIC_ORIGIN the single source of truth.
 *
 * - app: every `permittedUrls.fetch` entry (cards call only our service, DESIGN.md "one way in") and every
 *   `auth.redirectUrls` entry except loopback ones (local dev, reference §1.3).
 * - webhooks: `settings.targetUrl` (§4.1).
 * - workflow-action: `actionUrl` and any `inputFields[].typeDefinition.optionsUrl` (§5.1).
 * Not origin-bearing: permittedUrls.iframe/img and the `support` URLs (they may live elsewhere).
 */
import { formatPath } from './schemas/zodIssues.ts';
import { isLoopbackUrl, withOrigin } from './urls.ts';

type Path = readonly (string | number)[];

export interface OriginField {
  /** Dotted field name for messages, e.g. `config.permittedUrls.fetch[0]`. */
  field: string;
  /** Path inside the metafile's `config`. */
  path: Path;
  url: string;
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined,
    root,
  );
}

/** Paths of the elements of the array at `path` (none when it is not an array). */
function elementsOf(root: unknown, path: Path): Path[] {
  const list = getAt(root, path);
  return Array.isArray(list) ? list.map((_, index) => [...path, index]) : [];
}

const candidatePaths: Record<string, (config: unknown) => Path[]> = {
  app: (config) => [
    ...elementsOf(config, ['permittedUrls', 'fetch']),
    ...elementsOf(config, ['auth', 'redirectUrls']).filter((p) => {
      const url = getAt(config, p);
      return typeof url === 'string' && !isLoopbackUrl(url);
    }),
  ],
  webhooks: () => [['settings', 'targetUrl']],
  'workflow-action': (config) => [
    ['actionUrl'],
    ...elementsOf(config, ['inputFields']).map((p) => [...p, 'typeDefinition', 'optionsUrl']),
  ],
};

/** The origin-bearing URLs in one component's config (raw JSON or parsed, same shape). */
export function originFieldsOf(type: string, config: unknown): OriginField[] {
  const paths = candidatePaths[type]?.(config) ?? [];
  return paths.flatMap((path) => {
    const url = getAt(config, path);
    return typeof url === 'string' ? [{ field: formatPath(['config', ...path]), path, url }] : [];
  });
}

/** A copy of `config` with every origin-bearing URL moved to `origin` (path, query and fragment kept). */
export function rewriteOriginFields(type: string, config: unknown, origin: string): unknown {
  const copy: unknown = structuredClone(config);
  for (const { path, url } of originFieldsOf(type, copy)) {
    const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
    parent[path[path.length - 1] as string | number] = withOrigin(url, origin);
  }
  return copy;
}

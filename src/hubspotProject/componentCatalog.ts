/**
 * Which component types this checker understands, where each must live, and which may appear once.
 * Facts from reference/hubspot-platform.md §1.1 and @hubspot/project-parsing-lib 0.23.0 `src/lib/constants.js`
 * (its `Components` table is the authority on folders; test/hubspotProject/componentCatalog.test.ts keeps us in step).
 */
import { Components, DEPRECATED_PLATFORM_VERSIONS, PLATFORM_VERSIONS } from '@hubspot/project-parsing-lib/constants';

/** Types with a zod schema in ./schemas. Settings, app-event and page are here before the project uses them. */
export const SUPPORTED_TYPES = ['app', 'card', 'settings', 'page', 'webhooks', 'workflow-action', 'app-event'] as const;
export type SupportedType = (typeof SUPPORTED_TYPES)[number];

/** Folder (relative to srcDir) a metafile of each type must sit in directly. */
export const COMPONENT_FOLDER: Record<SupportedType, string> = {
  app: 'app',
  card: 'app/cards',
  settings: 'app/settings',
  page: 'app/pages',
  webhooks: 'app/webhooks',
  'workflow-action': 'app/workflow-actions',
  'app-event': 'app/app-events',
};

/** At most one of each (the lib marks them `singularComponent`); `app` must also exist exactly once. */
export const SINGULAR_TYPES: readonly SupportedType[] = ['app', 'settings', 'webhooks', 'page'];

/** React UI extensions: they have an `entrypoint` and their folder needs one package.json (reference §2.1, §6). */
export const UI_EXTENSION_TYPES: readonly SupportedType[] = ['card', 'settings', 'page'];

export const isSupportedType = (type: string): type is SupportedType =>
  (SUPPORTED_TYPES as readonly string[]).includes(type);

/** A type HubSpot knows (app-object, scim, ...) but we have no schema for yet. */
export const isKnownHubspotType = (type: string): boolean => Object.hasOwn(Components, type);

export const KNOWN_PLATFORM_VERSIONS: readonly string[] = Object.values(PLATFORM_VERSIONS);
export const DEPRECATED_VERSIONS: readonly string[] = Object.values(DEPRECATED_PLATFORM_VERSIONS);

/** A metafile is picked up only directly in `app/` or `app/<allowed folder>/`; anything deeper is skipped (§1.1). */
export function isPickedUpLocation(fileDir: string): boolean {
  if (fileDir === 'app') return true;
  const [top, sub, ...rest] = fileDir.split('/');
  if (top !== 'app' || sub === undefined || rest.length > 0) return false;
  return Object.values(Components).some((c) => c.parentComponent === 'app' && c.dir === sub);
}

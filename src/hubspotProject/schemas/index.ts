/**
 * One zod schema per supported component type, and the typed component the rules work on once a
 * metafile's config has parsed.
 */
import type { z } from 'zod';
import type { SupportedType } from '../componentCatalog.ts';
import { type Metafile, type Problem, problem } from '../types.ts';
import { appConfigSchema } from './appSchema.ts';
import { appEventConfigSchema } from './appEventSchema.ts';
import { cardConfigSchema, pageConfigSchema, settingsConfigSchema } from './uiExtensionSchemas.ts';
import { webhooksConfigSchema } from './webhooksSchema.ts';
import { workflowActionConfigSchema } from './workflowActionSchema.ts';
import { TOP_LEVEL_KEYS, metafileSchema } from './metafileSchema.ts';
import { issuesToProblems } from './zodIssues.ts';

export const configSchemas = {
  app: appConfigSchema,
  card: cardConfigSchema,
  settings: settingsConfigSchema,
  page: pageConfigSchema,
  webhooks: webhooksConfigSchema,
  'workflow-action': workflowActionConfigSchema,
  'app-event': appEventConfigSchema,
} as const satisfies Record<SupportedType, z.ZodType>;

/** A component whose config matched its schema, typed by `type`. */
export type ParsedComponent = {
  [K in SupportedType]: { type: K; uid: string; file: string; config: z.output<(typeof configSchemas)[K]> };
}[SupportedType];

export type ComponentOf<K extends SupportedType> = Extract<ParsedComponent, { type: K }>;

export const ofType = <K extends SupportedType>(components: readonly ParsedComponent[], type: K): ComponentOf<K>[] =>
  components.filter((c): c is ComponentOf<K> => c.type === type);

/** Check a metafile's top level (allowed keys, uid/type strings, config object). An unknown key alone keeps the metafile. */
export function parseEnvelope(file: string, json: unknown): { metafile?: Metafile; problems: Problem[] } {
  const keys = json !== null && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json) : [];
  const problems = keys
    .filter((key) => !TOP_LEVEL_KEYS.includes(key))
    .map((key) => problem(file, key, `unknown top-level key: a metafile may only have ${TOP_LEVEL_KEYS.join(', ')}`));
  const result = metafileSchema.safeParse(json, { reportInput: true });
  if (!result.success) return { problems: [...problems, ...issuesToProblems(file, [], result.error.issues)] };
  const { uid, type, config } = result.data;
  return { metafile: { file, uid, type, config, keys }, problems };
}

/** Check a metafile's config against the schema for its (supported) type. */
export function parseConfig(
  metafile: Metafile,
  type: SupportedType,
): { component?: ParsedComponent; problems: Problem[] } {
  const result = configSchemas[type].safeParse(metafile.config, { reportInput: true });
  if (!result.success) return { problems: issuesToProblems(metafile.file, ['config'], result.error.issues) };
  // The schema chosen by `type` produced `data`, so the pair is consistent; TS cannot see that through the map.
  const component = { type, uid: metafile.uid, file: metafile.file, config: result.data } as ParsedComponent;
  return { component, problems: [] };
}

/**
 * `npm run check:hubspot`: an offline check of the HubSpot project (hsproject.json + srcDir) that catches what
 * `hs project upload` would reject or silently ignore. Full server-side validation needs an account and
 * HubSpot's unpublished schemas (reference §7), so this runs HubSpot's own parser offline, then our zod
 * schemas (./schemas) and structural rules (./rules).
 */
import path from 'node:path';
import { isSupportedType } from './componentCatalog.ts';
import { loadMetafiles } from './loadMetafiles.ts';
import { isDirectory, readJson, readText, sourceFilesAt } from './projectFiles.ts';
import { checkApp } from './rules/appRules.ts';
import { checkEntrypoints } from './rules/entrypointRules.ts';
import { checkImports } from './rules/importRules.ts';
import { checkOrigins } from './rules/originRules.ts';
import { checkPlacement } from './rules/placementRules.ts';
import { checkProjectConfig } from './rules/projectConfigRules.ts';
import { checkScopes } from './rules/scopeRules.ts';
import { checkUrls } from './rules/urlRules.ts';
import { checkWorkflowActions } from './rules/workflowActionRules.ts';
import { type ParsedComponent, parseConfig } from './schemas/index.ts';
import { SERVICE_ORIGIN_FILE } from './serviceOriginModule.ts';
import { runFileDependencyResolution, runTranslate } from './translateRunner.ts';
import { type CheckResult, type Problem, problem } from './types.ts';

const failed = (problems: Problem[]): CheckResult => ({ ok: false, problems, components: [] });

/** Check the HubSpot project rooted at `projectRoot` (the folder holding hsproject.json). Never throws for project content. */
export async function checkHubspotProject(projectRoot: string): Promise<CheckResult> {
  const root = path.resolve(projectRoot);
  const hsproject = readJson(path.join(root, 'hsproject.json'));
  if (!hsproject.ok) return failed([problem('hsproject.json', '(json)', hsproject.error)]);
  const { config: project, problems } = checkProjectConfig(hsproject.value, (dir) => isDirectory(path.join(root, dir)));
  if (!project) return failed(problems);

  const srcDir = path.join(root, project.srcDir);
  const translated = await runTranslate(srcDir, project.srcDir, project.platformVersion);
  problems.push(...translated.problems, ...(await runFileDependencyResolution(srcDir, project.srcDir)));

  const loaded = loadMetafiles(srcDir, !translated.completed);
  problems.push(...loaded.problems, ...checkPlacement(loaded.metafiles, project.platformVersion));

  const components: ParsedComponent[] = [];
  for (const metafile of loaded.metafiles) {
    if (!isSupportedType(metafile.type)) continue; // already reported by checkPlacement
    const parsed = parseConfig(metafile, metafile.type);
    problems.push(...parsed.problems);
    if (parsed.component) components.push(parsed.component);
  }

  const files = sourceFilesAt(srcDir);
  const origins = checkOrigins(components, readText(path.join(srcDir, SERVICE_ORIGIN_FILE)));
  problems.push(
    ...checkApp(components),
    ...checkScopes(components),
    ...checkUrls(components),
    ...checkEntrypoints(components, files),
    ...checkImports(components, files),
    ...checkWorkflowActions(components),
    ...origins.problems,
  );

  return {
    ok: problems.length === 0,
    problems,
    components: loaded.metafiles.map(({ uid, type, file }) => ({ uid, type, file })),
    ...(origins.origin ? { origin: origins.origin } : {}),
    project,
  };
}

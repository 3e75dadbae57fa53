/**
 * UI extensions (card, settings, page) point at a React entry file and are built from their folder's
 * package.json (reference §2.1: "ONE package.json shared by all cards"; §6: settings has its own).
 * - the entrypoint is a path from srcDir (`/app/cards/X.tsx`, [C] template) and the file exists;
 * - [M] it sits in the component's own folder, whose package.json is the one HubSpot installs for the build;
 * - that folder has a package.json declaring @hubspot/ui-extensions and react (template dependencies).
 */
import { COMPONENT_FOLDER, UI_EXTENSION_TYPES } from '../componentCatalog.ts';
import type { ParsedComponent } from '../schemas/index.ts';
import { type Problem, type SourceFiles, problem } from '../types.ts';

const REQUIRED_DEPENDENCIES = ['@hubspot/ui-extensions', 'react'];

type UiComponent = Extract<ParsedComponent, { type: 'card' | 'settings' | 'page' }>;

const isUiComponent = (c: ParsedComponent): c is UiComponent => UI_EXTENSION_TYPES.includes(c.type);

function entrypointProblem(c: UiComponent, files: SourceFiles): Problem | undefined {
  const folder = COMPONENT_FOLDER[c.type];
  const { entrypoint } = c.config;
  if (!entrypoint.startsWith(`/${folder}/`)) {
    return problem(
      c.file,
      'config.entrypoint',
      `must be inside /${folder}/, next to the package.json it is built with`,
    );
  }
  if (!files.isFile(entrypoint.slice(1))) {
    return problem(c.file, 'config.entrypoint', `file ${entrypoint.slice(1)} does not exist`);
  }
  return undefined;
}

function packageJsonProblems(folder: string, files: SourceFiles): Problem[] {
  const file = `${folder}/package.json`;
  if (!files.isFile(file))
    return [problem(file, '(path)', `missing: ${folder}/ needs a package.json for its React extensions`)];
  const read = files.readJson(file);
  if (!read.ok) return [problem(file, '(json)', read.error)];
  const dependencies = (read.value as { dependencies?: Record<string, unknown> } | null)?.dependencies ?? {};
  return REQUIRED_DEPENDENCIES.filter((name) => !Object.hasOwn(dependencies, name)).map((name) =>
    problem(file, `dependencies.${name}`, 'is required to build the extensions in this folder'),
  );
}

export function checkEntrypoints(components: readonly ParsedComponent[], files: SourceFiles): Problem[] {
  const ui = components.filter(isUiComponent);
  const perComponent = ui.map((c) => entrypointProblem(c, files)).filter((p): p is Problem => p !== undefined);
  const folders = [...new Set(ui.map((c) => COMPONENT_FOLDER[c.type]))];
  return [...perComponent, ...folders.flatMap((folder) => packageJsonProblems(folder, files))];
}

/**
 * HubSpot builds each UI-extension folder (app/cards, app/settings, app/pages) from that folder's own
 * package.json (reference §2.1, §6), not from the repo root. A package the extension code imports at run time
 * but the folder's package.json does not declare builds fine locally (root node_modules) and fails on upload.
 * Type-only imports are erased by the bundler and need no dependency.
 */
import { COMPONENT_FOLDER, UI_EXTENSION_TYPES } from '../componentCatalog.ts';
import type { ParsedComponent } from '../schemas/index.ts';
import { type Problem, type SourceFiles, problem } from '../types.ts';

/** `import … from 'x'`, `import 'x'`, `export … from 'x'` — but not `import type`/`export type`. */
const RUNTIME_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

/** `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`; relative and absolute paths → undefined. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages a source text imports at run time. */
export function runtimeImports(source: string): string[] {
  const names = [...source.matchAll(RUNTIME_IMPORT)].map((m) => packageNameOf(m[1] ?? ''));
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

function folderProblems(folder: string, files: SourceFiles): Problem[] {
  const manifest = `${folder}/package.json`;
  const read = files.readJson(manifest);
  if (!read.ok) return []; // reported by rules/entrypointRules.ts
  const declared = (read.value as { dependencies?: Record<string, unknown> } | null)?.dependencies ?? {};
  const importers = new Map<string, string>();
  for (const file of files.listSourceFiles(folder)) {
    for (const name of runtimeImports(files.readText(file) ?? '')) {
      if (!Object.hasOwn(declared, name) && !importers.has(name)) importers.set(name, file);
    }
  }
  return [...importers].map(([name, file]) =>
    problem(
      manifest,
      `dependencies.${name}`,
      `is imported by ${file} but not declared; HubSpot builds ${folder}/ from this package.json only`,
    ),
  );
}

export function checkImports(components: readonly ParsedComponent[], files: SourceFiles): Problem[] {
  const folders = new Set(
    components.filter((c) => UI_EXTENSION_TYPES.includes(c.type)).map((c) => COMPONENT_FOLDER[c.type]),
  );
  return [...folders].flatMap((folder) => folderProblems(folder, files));
}

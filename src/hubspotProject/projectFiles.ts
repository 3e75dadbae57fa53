/** Thin file IO for the checker and the generator; everything else in this folder is pure. */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceFiles } from './types.ts';

export const METAFILE_SUFFIX = '-hsmeta.json';

export type JsonRead = { ok: true; value: unknown } | { ok: false; error: string };

export function readJson(absPath: string): JsonRead {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read file: ${(error as Error).message}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `invalid JSON: ${(error as Error).message}` };
  }
}

export const readText = (absPath: string): string | undefined =>
  existsSync(absPath) ? readFileSync(absPath, 'utf8') : undefined;

export const isFile = (absPath: string): boolean => existsSync(absPath) && statSync(absPath).isFile();
export const isDirectory = (absPath: string): boolean => existsSync(absPath) && statSync(absPath).isDirectory();

/** Write only when the content differs, so a no-op run leaves timestamps and git status alone. */
export function writeIfChanged(absPath: string, content: string): boolean {
  if (readText(absPath) === content) return false;
  writeFileSync(absPath, content);
  return true;
}

/** Posix paths (relative to `root`) of files under `relDir` whose name passes `keep`; node_modules is never entered. */
export function findFiles(root: string, relDir: string, keep: (name: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!isDirectory(path.join(root, dir))) return;
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(rel);
      else if (entry.isFile() && keep(entry.name)) found.push(rel);
    }
  };
  walk(relDir);
  return found.sort();
}

/**
 * Every *-hsmeta.json under `srcDir`, relative to it. node_modules is skipped, as the parsing lib's own walk
 * does (project-parsing-lib `files.js` → `walk(dir, ['node_modules'])`).
 */
export const findMetafiles = (srcDir: string): string[] =>
  findFiles(srcDir, '', (name) => name.endsWith(METAFILE_SUFFIX));

/** The `SourceFiles` view of a srcDir on disk. */
export function sourceFilesAt(srcDir: string): SourceFiles {
  return {
    isFile: (rel) => isFile(path.join(srcDir, rel)),
    readText: (rel) => readText(path.join(srcDir, rel)),
    readJson: (rel) => readJson(path.join(srcDir, rel)),
    listSourceFiles: (relDir) => findFiles(srcDir, relDir, (name) => /\.(tsx?|jsx?)$/.test(name)),
  };
}

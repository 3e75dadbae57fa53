/**
 * `npm run hubspot:configure`: write the service's public origin (PUBLIC_ORIGIN) into the HubSpot project —
 * every origin-bearing field of the picked-up metafiles (originFields.ts) and the cards' serviceOrigin.ts.
 * Idempotent: files whose URLs already match are left untouched (not even reformatted).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isPickedUpLocation } from './componentCatalog.ts';
import { rewriteOriginFields } from './originFields.ts';
import { findMetafiles, readJson, writeIfChanged } from './projectFiles.ts';
import { SERVICE_ORIGIN_FILE, renderServiceOriginModule } from './serviceOriginModule.ts';
import { normalizeOrigin } from './urls.ts';

/** Used when neither --origin nor PUBLIC_ORIGIN is given; a placeholder that is safe to commit. */
export const DEFAULT_PUBLIC_ORIGIN = 'https://switchboard.example.com';

export interface ConfigureResult {
  origin: string;
  /** Files rewritten, relative to srcDir. */
  changedFiles: string[];
}

function sourceDir(root: string): string {
  const hsproject = readJson(path.join(root, 'hsproject.json'));
  const srcDir = hsproject.ok ? (hsproject.value as { srcDir?: unknown } | null)?.srcDir : undefined;
  if (typeof srcDir !== 'string' || srcDir === '') {
    throw new Error(
      `${path.join(root, 'hsproject.json')}: cannot read srcDir (${hsproject.ok ? 'missing' : hsproject.error})`,
    );
  }
  return path.join(root, srcDir);
}

/** Rewrite one metafile; returns whether it changed. Files without a string type/object config are left to the checker. */
function configureMetafile(srcDir: string, file: string, origin: string): boolean {
  const read = readJson(path.join(srcDir, file));
  if (!read.ok) throw new Error(`${file}: ${read.error}`);
  const meta = read.value as { type?: unknown; config?: unknown } | null;
  if (typeof meta?.type !== 'string' || typeof meta.config !== 'object' || meta.config === null) return false;
  const config = rewriteOriginFields(meta.type, meta.config, origin);
  if (JSON.stringify(config) === JSON.stringify(meta.config)) return false;
  return writeIfChanged(path.join(srcDir, file), `${JSON.stringify({ ...meta, config }, null, 2)}\n`);
}

/** Point the HubSpot project under `projectRoot` at `rawOrigin`; throws on a non-https/localhost/path-bearing origin. */
export function configureHubspotProject(projectRoot: string, rawOrigin: string): ConfigureResult {
  const origin = normalizeOrigin(rawOrigin);
  const srcDir = sourceDir(path.resolve(projectRoot));
  const changedFiles = findMetafiles(srcDir).filter(
    (file) => isPickedUpLocation(path.posix.dirname(file)) && configureMetafile(srcDir, file, origin),
  );
  const moduleFile = path.join(srcDir, SERVICE_ORIGIN_FILE);
  mkdirSync(path.dirname(moduleFile), { recursive: true });
  if (writeIfChanged(moduleFile, renderServiceOriginModule(origin))) changedFiles.push(SERVICE_ORIGIN_FILE);
  return { origin, changedFiles };
}

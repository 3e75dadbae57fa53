/**
 * Run HubSpot's own parser offline — `translate(..., { skipValidation: true })` from
 * @hubspot/project-parsing-lib 0.23.0 — and turn what it can tell us into Problems.
 * Offline it only finds/parses metafiles, lists the ones it silently skips and throws on duplicate uids
 * (reference §7); full validation needs an account and HubSpot's unpublished schemas.
 */
import path from 'node:path';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { collectFileDependencies, findAndParsePackageJsonFiles } from '@hubspot/project-parsing-lib/workspaces';
import { type Problem, problem } from './types.ts';

export interface TranslateOutcome {
  /** False when translate threw; its skipped list is then unknown. */
  completed: boolean;
  problems: Problem[];
}

export async function runTranslate(
  srcDirAbs: string,
  srcDirRel: string,
  platformVersion: string,
): Promise<TranslateOutcome> {
  try {
    const result = await translate({ projectSourceDir: srcDirAbs, platformVersion }, { skipValidation: true });
    const problems = result.skippedHsMetaFiles.map((file) =>
      problem(
        file.split('\\').join('/'),
        '(path)',
        'HubSpot ignores this metafile (translate: skippedHsMetaFiles): metafiles must sit directly in app/ or app/<component folder>/, not in a subfolder',
      ),
    );
    return { completed: true, problems };
  } catch (error) {
    const message = (error as Error).message.replace(/\s*\n\s*/g, ' ');
    return {
      completed: false,
      problems: [problem(srcDirRel, '(translate)', `@hubspot/project-parsing-lib translate failed: ${message}`)],
    };
  }
}

/**
 * `file:`/`link:` dependencies are uploaded with the project from 2025.2 on (DESIGN.md "One contract"); the lib
 * resolves them with `collectFileDependencies`, which throws when a path is missing or has no package.json.
 * Same code path as the CLI's upload, run offline.
 */
export async function runFileDependencyResolution(srcDirAbs: string, srcDirRel: string): Promise<Problem[]> {
  try {
    await collectFileDependencies(await findAndParsePackageJsonFiles(srcDirAbs));
    return [];
  } catch (error) {
    // The lib names absolute paths; show them relative to the project root like every other message.
    const projectRoot = `${path.dirname(srcDirAbs)}${path.sep}`;
    return [problem(srcDirRel, '(file dependencies)', (error as Error).message.split(projectRoot).join(''))];
  }
}

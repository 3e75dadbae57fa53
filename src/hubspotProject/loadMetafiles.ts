/**
 * Read every metafile HubSpot would pick up and check its top level. Files in subfolders are what translate
 * reports as skippedHsMetaFiles; they are reported here only when translate could not run to tell us.
 */
import path from 'node:path';
import { isPickedUpLocation } from './componentCatalog.ts';
import { findMetafiles, readJson } from './projectFiles.ts';
import { parseEnvelope } from './schemas/index.ts';
import { type Metafile, type Problem, problem } from './types.ts';

export function loadMetafiles(
  srcDirAbs: string,
  reportNested: boolean,
): { metafiles: Metafile[]; problems: Problem[] } {
  const metafiles: Metafile[] = [];
  const problems: Problem[] = [];
  for (const file of findMetafiles(srcDirAbs)) {
    if (!isPickedUpLocation(path.posix.dirname(file))) {
      if (reportNested) {
        problems.push(
          problem(
            file,
            '(path)',
            'HubSpot ignores this metafile: it must sit directly in app/ or app/<component folder>/',
          ),
        );
      }
      continue;
    }
    const read = readJson(path.join(srcDirAbs, file));
    if (!read.ok) {
      problems.push(problem(file, '(json)', read.error));
      continue;
    }
    const envelope = parseEnvelope(file, read.value);
    problems.push(...envelope.problems);
    if (envelope.metafile) metafiles.push(envelope.metafile);
  }
  return { metafiles, problems };
}

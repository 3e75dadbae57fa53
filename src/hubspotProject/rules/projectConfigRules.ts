/**
 * hsproject.json — reference §1.2: the CLI requires `name` and `srcDir`, `srcDir` must exist inside the project,
 * and `platformVersion` must be one the parsing lib knows (§0). Deprecated (2025.1) and legacy (< 2025.2)
 * versions are rejected: every shape in ./schemas is the 2025.2 one.
 */
import { isLegacyProject } from '@hubspot/project-parsing-lib/projects';
import { z } from 'zod';
import { DEPRECATED_VERSIONS, KNOWN_PLATFORM_VERSIONS } from '../componentCatalog.ts';
import { issuesToProblems } from '../schemas/zodIssues.ts';
import { type Problem, problem } from '../types.ts';

const FILE = 'hsproject.json';

export interface ProjectConfig {
  name: string;
  srcDir: string;
  platformVersion: string;
}

// Loose object: the CLI tolerates extra keys in hsproject.json (lib `ProjectConfig` has an index signature).
const projectConfigSchema = z.object({
  name: z.string().min(1),
  srcDir: z
    .string()
    .min(1)
    .refine((dir) => !dir.startsWith('/') && !dir.split(/[\\/]/).includes('..'), 'must be a folder inside the project'),
  platformVersion: z.string().min(1),
});

function versionProblem(version: string): string | undefined {
  if (DEPRECATED_VERSIONS.includes(version)) return `platform ${version} is deprecated; use 2025.2 or later`;
  if (!KNOWN_PLATFORM_VERSIONS.includes(version)) {
    return `unknown platform version "${version}"; known: ${KNOWN_PLATFORM_VERSIONS.join(', ')}`;
  }
  if (isLegacyProject(version))
    return `platform ${version} predates projects with *-hsmeta.json files; use 2025.2 or later`;
  return undefined;
}

/** Validate hsproject.json; `config` is returned whenever name and srcDir are usable, so checking can go on. */
export function checkProjectConfig(
  json: unknown,
  isProjectDirectory: (relDir: string) => boolean,
): { config?: ProjectConfig; problems: Problem[] } {
  const parsed = projectConfigSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { problems: issuesToProblems(FILE, [], parsed.error.issues) };
  const config = parsed.data;
  const problems: Problem[] = [];
  const version = versionProblem(config.platformVersion);
  if (version) problems.push(problem(FILE, 'platformVersion', version));
  if (!isProjectDirectory(config.srcDir)) {
    problems.push(problem(FILE, 'srcDir', `folder "${config.srcDir}" does not exist in the project`));
    return { problems };
  }
  return { config, problems };
}

/**
 * Rules about where components are and what they are called — reference §1.1 and §7, mirroring what the
 * parsing lib only reports with full (online) validation: known type, right folder, valid and unique uid,
 * one app, at most one of each singular type, and no top-level `permissions` before 2026.09-beta.
 */
import { meetsMinimumPlatformVersion } from '@hubspot/project-parsing-lib/projects';
import {
  COMPONENT_FOLDER,
  SINGULAR_TYPES,
  SUPPORTED_TYPES,
  isKnownHubspotType,
  isSupportedType,
} from '../componentCatalog.ts';
import { type Metafile, type Problem, problem } from '../types.ts';

const UID_PATTERN = /^[a-zA-Z0-9_\-.]+$/;
const MAX_UID_LENGTH = 64;

const folderOf = (file: string): string => file.slice(0, Math.max(0, file.lastIndexOf('/')));

function typeProblem(m: Metafile): Problem | undefined {
  if (isSupportedType(m.type)) return undefined;
  if (isKnownHubspotType(m.type)) {
    return problem(
      m.file,
      'type',
      `"${m.type}" is a HubSpot component type this checker has no schema for yet; add one in src/hubspotProject/schemas before using it`,
    );
  }
  return problem(m.file, 'type', `unknown component type "${m.type}"; supported: ${SUPPORTED_TYPES.join(', ')}`);
}

function folderProblem(m: Metafile): Problem | undefined {
  if (!isSupportedType(m.type)) return undefined;
  const expected = COMPONENT_FOLDER[m.type];
  if (folderOf(m.file) === expected) return undefined;
  return problem(m.file, '(path)', `a component of type "${m.type}" must sit directly in ${expected}/`);
}

function uidProblem(m: Metafile): Problem | undefined {
  if (m.uid === '') return problem(m.file, 'uid', 'must not be empty');
  if (m.uid.length > MAX_UID_LENGTH) return problem(m.file, 'uid', `must be at most ${MAX_UID_LENGTH} characters`);
  if (!UID_PATTERN.test(m.uid)) return problem(m.file, 'uid', `"${m.uid}" may only use letters, digits, _ - and .`);
  return undefined;
}

/** Every file in a clash is named (no "first one wins"): which copy is the mistake is for a person to decide. */
function clashProblems(
  metafiles: readonly Metafile[],
  key: (m: Metafile) => string | undefined,
  report: (m: Metafile, others: string) => Problem,
): Problem[] {
  const groups = new Map<string, Metafile[]>();
  for (const m of metafiles) {
    const k = key(m);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  const clashes = [...groups.values()].filter((group) => group.length > 1);
  return clashes.flatMap((group) => {
    const othersThan = (m: Metafile) => group.flatMap((o) => (o === m ? [] : [o.file])).join(', ');
    return group.map((m) => report(m, othersThan(m)));
  });
}

function countProblems(metafiles: readonly Metafile[]): Problem[] {
  const missingApp = metafiles.some((m) => m.type === 'app')
    ? []
    : [problem('app/app-hsmeta.json', 'type', 'the project needs exactly one component of type "app"')];
  const singular = clashProblems(
    metafiles,
    (m) => ((SINGULAR_TYPES as readonly string[]).includes(m.type) ? m.type : undefined),
    (m, others) => problem(m.file, 'type', `only one "${m.type}" component is allowed; another is in ${others}`),
  );
  return [...missingApp, ...singular];
}

function permissionsProblem(m: Metafile, platformVersion: string): Problem | undefined {
  if (!m.keys.includes('permissions') || meetsMinimumPlatformVersion(platformVersion, '2026.09-beta')) return undefined;
  return problem(
    m.file,
    'permissions',
    `top-level permissions are only accepted from platform 2026.09-beta (project is ${platformVersion})`,
  );
}

/** Every placement problem across the project's picked-up metafiles. */
export function checkPlacement(metafiles: readonly Metafile[], platformVersion: string): Problem[] {
  const perFile = metafiles.flatMap((m) =>
    [typeProblem(m), folderProblem(m), uidProblem(m), permissionsProblem(m, platformVersion)].filter(
      (p): p is Problem => p !== undefined,
    ),
  );
  const duplicateUids = clashProblems(
    metafiles,
    (m) => m.uid,
    (m, others) => problem(m.file, 'uid', `"${m.uid}" is also used by ${others}; uids must be unique in the project`),
  );
  return [...perFile, ...duplicateUids, ...countProblems(metafiles)];
}

/** `npm run check:hubspot` as a process: exit code and output, on a broken copy (spawned, so slower). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD, type ProjectCopy, REPO_ROOT, copyProject } from './projectCopy.ts';

const CLI = path.join(REPO_ROOT, 'server/cli/checkHubspotProject.ts');
const runCli = (projectRoot: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, '--project', projectRoot], { cwd: REPO_ROOT, encoding: 'utf8' });

let project: ProjectCopy;
beforeEach(() => {
  project = copyProject();
});
afterEach(() => project.dispose());

describe('check:hubspot CLI', () => {
  it('when the project is intact, it exits 0 and lists the components', () => {
    const run = runCli(project.root);

    expect(run.stdout).toContain('HubSpot project OK');
    expect(run.status).toBe(0);
  });

  it('when the card location is wrong and the app has an extra key, it exits 1 and prints both as file: field: message', () => {
    project.editJson(CARD, (json) => {
      json.config.location = 'sidebar';
    });
    project.editJson('app/app-hsmeta.json', (json) => {
      json.extra = 1;
    });

    const run = runCli(project.root);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('HubSpot project check failed: 2 problems');
    expect(run.stderr).toContain(
      '  - app/cards/status-card-hsmeta.json: config.location: must be one of crm.record.tab',
    );
    expect(run.stderr).toContain('  - app/app-hsmeta.json: extra: unknown top-level key');
  });
});

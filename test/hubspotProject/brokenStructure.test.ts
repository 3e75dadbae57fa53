/**
 * Structural mistakes (reference §1.1, §7): each scenario breaks a fresh copy of the real project and expects
 * a problem that names the file and the field. The untouched copy passes (realProject.test.ts).
 */
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { checkHubspotProject } from '../../src/hubspotProject/checkHubspotProject.ts';
import { ACTION, CARD, type ProjectCopy, WEBHOOKS, copyProject, expectProblem } from './projectCopy.ts';

let project: ProjectCopy;
beforeEach(() => {
  project = copyProject();
});
afterEach(() => project.dispose());

const check = () => checkHubspotProject(project.root);

describe('HubSpot project structure', () => {
  it('when a metafile sits in a subfolder of cards/, HubSpot would skip it, so the check fails naming it', async () => {
    project.writeJson('app/cards/nested/extra-hsmeta.json', { ...project.readJson(CARD), uid: 'nested_card' });

    expectProblem(await check(), 'app/cards/nested/extra-hsmeta.json', '(path)', /skippedHsMetaFiles/);
  });

  it('when two metafiles share a uid, both files are named and translate also refuses the project', async () => {
    project.writeJson('app/cards/copy-hsmeta.json', project.readJson(CARD));

    const result = await check();
    expectProblem(result, 'app/cards/copy-hsmeta.json', 'uid', /also used by app\/cards\/status-card-hsmeta\.json/);
    expectProblem(result, CARD, 'uid', /also used by app\/cards\/copy-hsmeta\.json/);
    expectProblem(result, 'extensions', '(translate)', /Duplicate uid 'switchboard_status_card'/);
  });

  it('when a nested metafile coexists with a duplicate uid, the nested one is still reported', async () => {
    project.writeJson('app/cards/copy-hsmeta.json', project.readJson(CARD));
    project.writeJson('app/cards/deeper/x-hsmeta.json', { ...project.readJson(CARD), uid: 'deep' });

    expectProblem(await check(), 'app/cards/deeper/x-hsmeta.json', '(path)', /must sit directly in app\//);
  });

  it('when a uid has a space in it, the uid field is rejected', async () => {
    project.editJson(CARD, (json) => {
      json.uid = 'status card';
    });

    expectProblem(await check(), CARD, 'uid', /may only use letters, digits/);
  });

  it('when a uid is longer than 64 characters, it is rejected', async () => {
    project.editJson(CARD, (json) => {
      json.uid = 'x'.repeat(65);
    });

    expectProblem(await check(), CARD, 'uid', /at most 64/);
  });

  it('when the type is unknown, the type field is rejected', async () => {
    project.editJson(CARD, (json) => {
      json.type = 'kard';
    });

    expectProblem(await check(), CARD, 'type', /unknown component type "kard"/);
  });

  it('when a HubSpot type we have no schema for is used, the type field says so', async () => {
    project.writeJson('app/app-objects/thing-hsmeta.json', { uid: 'thing', type: 'app-object', config: {} });

    expectProblem(await check(), 'app/app-objects/thing-hsmeta.json', 'type', /no schema for yet/);
  });

  it('when a card metafile sits in workflow-actions/, the check names the folder it belongs in', async () => {
    project.writeJson('app/workflow-actions/card-hsmeta.json', { ...project.readJson(CARD), uid: 'misplaced_card' });

    expectProblem(
      await check(),
      'app/workflow-actions/card-hsmeta.json',
      '(path)',
      /must sit directly in app\/cards\//,
    );
  });

  it('when a second webhooks component is added, both are named', async () => {
    project.writeJson('app/webhooks/more-hsmeta.json', { ...project.readJson(WEBHOOKS), uid: 'more_webhooks' });

    const result = await check();
    expectProblem(
      result,
      'app/webhooks/more-hsmeta.json',
      'type',
      /only one "webhooks" component is allowed; another is in app\/webhooks\/webhooks-hsmeta\.json/,
    );
    expectProblem(result, WEBHOOKS, 'type', /only one "webhooks" component/);
  });

  it('when the app metafile is gone, the project is told it needs exactly one app', async () => {
    project.remove('app/app-hsmeta.json');

    expectProblem(await check(), 'app/app-hsmeta.json', 'type', /exactly one component of type "app"/);
  });

  it('when a metafile has an extra top-level key, that key is named', async () => {
    project.editJson(ACTION, (json) => {
      json.extra = true;
    });

    expectProblem(await check(), ACTION, 'extra', /unknown top-level key/);
  });

  it('when a metafile uses top-level permissions on platform 2025.2, it is rejected', async () => {
    project.editJson(CARD, (json) => {
      json.permissions = { requiredScopes: ['crm.objects.contacts.read'] };
    });

    expectProblem(await check(), CARD, 'permissions', /only accepted from platform 2026\.09-beta/);
  });

  it('when a metafile is not valid JSON, the file is named', async () => {
    writeFileSync(project.src(WEBHOOKS), '{ "uid": ');

    expectProblem(await check(), WEBHOOKS, '(json)', /invalid JSON/);
  });

  it('when the card entrypoint does not exist, config.entrypoint is named', async () => {
    project.editJson(CARD, (json) => {
      json.config.entrypoint = '/app/cards/Missing.tsx';
    });

    expectProblem(await check(), CARD, 'config.entrypoint', /app\/cards\/Missing\.tsx does not exist/);
  });

  it('when the cards folder has no package.json, it is reported', async () => {
    project.remove('app/cards/package.json');

    expectProblem(await check(), 'app/cards/package.json', '(path)', /needs a package\.json/);
  });

  it('when hsproject.json names an unknown platform version, platformVersion is named', async () => {
    writeFileSync(
      `${project.root}/hsproject.json`,
      JSON.stringify({ name: 'switchboard', srcDir: 'extensions', platformVersion: '2024.9' }),
    );

    expectProblem(await check(), 'hsproject.json', 'platformVersion', /unknown platform version "2024\.9"/);
  });

  it('when hsproject.json points srcDir at a missing folder, srcDir is named', async () => {
    writeFileSync(
      `${project.root}/hsproject.json`,
      JSON.stringify({ name: 'switchboard', srcDir: 'src-missing', platformVersion: '2025.2' }),
    );

    expectProblem(await check(), 'hsproject.json', 'srcDir', /does not exist/);
  });
});

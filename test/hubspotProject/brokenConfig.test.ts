/**
 * Per-component config mistakes caught by the zod schemas (card, app URLs/auth, workflow action): each scenario
 * breaks a fresh copy of the real project and expects the problem to name the file and the field.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkHubspotProject } from '../../src/hubspotProject/checkHubspotProject.ts';
import { ACTION, APP, CARD, type ProjectCopy, copyProject, expectProblem } from './projectCopy.ts';

let project: ProjectCopy;
beforeEach(() => {
  project = copyProject();
});
afterEach(() => project.dispose());

const check = () => checkHubspotProject(project.root);

describe('card config', () => {
  it('when the card location is not a HubSpot location, config.location lists the allowed ones', async () => {
    project.editJson(CARD, (json) => {
      json.config.location = 'crm.record.middle';
    });

    expectProblem(await check(), CARD, 'config.location', /^must be one of crm\.record\.tab, crm\.record\.sidebar/);
  });

  it('when objectTypes uses the upper-case CONTACT form, the element is rejected', async () => {
    project.editJson(CARD, (json) => {
      json.config.objectTypes = ['CONTACT'];
    });

    expectProblem(await check(), CARD, 'config.objectTypes[0]', /must be one of contacts, companies, deals, tickets/);
  });

  it('when the required card name is missing, config.name is required', async () => {
    project.editJson(CARD, (json) => {
      delete json.config.name;
    });

    expectProblem(await check(), CARD, 'config.name', /^is required$/);
  });

  it('when config has a misspelt key, that key is named', async () => {
    project.editJson(CARD, (json) => {
      json.config.objectType = ['contacts'];
    });

    expectProblem(await check(), CARD, 'config.objectType', /unknown field/);
  });
});

describe('app URLs and auth', () => {
  it('when permittedUrls.fetch uses http, the entry is rejected', async () => {
    project.editJson(APP, (json) => {
      json.config.permittedUrls.fetch = ['http://switchboard.example.com'];
    });

    expectProblem(await check(), APP, 'config.permittedUrls.fetch[0]', /must use https/);
  });

  it('when permittedUrls.fetch points at localhost, the entry is rejected', async () => {
    project.editJson(APP, (json) => {
      json.config.permittedUrls.fetch = ['https://localhost:8080'];
    });

    expectProblem(await check(), APP, 'config.permittedUrls.fetch[0]', /localhost/);
  });

  it('when an img URL uses http, it is rejected even though it is not origin-bearing', async () => {
    project.editJson(APP, (json) => {
      json.config.permittedUrls.img = ['http://cdn.example.com'];
    });

    expectProblem(await check(), APP, 'config.permittedUrls.img[0]', /must use https/);
  });

  it('when a non-localhost redirect URL uses http, it is rejected but the localhost one is fine', async () => {
    project.editJson(APP, (json) => {
      json.config.auth.redirectUrls = [
        'http://switchboard.example.com/oauth/callback',
        'http://localhost:3000/oauth/callback',
      ];
    });

    const result = await check();
    expectProblem(result, APP, 'config.auth.redirectUrls[0]', /must use https/);
    expect(result.problems.filter((p) => p.field === 'config.auth.redirectUrls[1]')).toEqual([]);
  });

  it('when a marketplace app uses static auth, config.auth.type must be oauth', async () => {
    project.editJson(APP, (json) => {
      json.config.auth.type = 'static';
    });

    expectProblem(await check(), APP, 'config.auth.type', /must be "oauth" when config.distribution is "marketplace"/);
  });
});

describe('workflow action', () => {
  it('when a label refers to an input that does not exist, the label key is named', async () => {
    project.editJson(ACTION, (json) => {
      json.config.labels.en.inputFieldLabels.template = 'Template';
    });

    expectProblem(await check(), ACTION, 'config.labels.en.inputFieldLabels.template', /no field named "template"/);
  });

  it('when an enumeration input has no options, its options field is named', async () => {
    project.editJson(ACTION, (json) => {
      delete json.config.inputFields[3].typeDefinition.options;
    });

    expectProblem(await check(), ACTION, 'config.inputFields[3].typeDefinition.options', /needs options/);
  });

  it('when fieldType is not one HubSpot knows, the allowed values are listed', async () => {
    project.editJson(ACTION, (json) => {
      json.config.inputFields[0].typeDefinition.fieldType = 'dropdown';
    });

    expectProblem(
      await check(),
      ACTION,
      'config.inputFields[0].typeDefinition.fieldType',
      /must be one of booleancheckbox/,
    );
  });
});

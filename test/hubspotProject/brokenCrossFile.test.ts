/**
 * Mistakes that span files: origins that disagree, scopes a feature needs, and the component types that are
 * coming (settings, page, app-event). Each scenario breaks a fresh copy of the real project.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkHubspotProject } from '../../src/hubspotProject/checkHubspotProject.ts';
import {
  ACTION,
  APP,
  type ProjectCopy,
  WEBHOOKS,
  copyProject,
  expectProblem,
  orderCreatedEvent,
} from './projectCopy.ts';

let project: ProjectCopy;
beforeEach(() => {
  project = copyProject();
});
afterEach(() => project.dispose());

const check = () => checkHubspotProject(project.root);

describe('origins', () => {
  it('when the webhook targetUrl uses another host, it is named against serviceOrigin.ts', async () => {
    project.editJson(WEBHOOKS, (json) => {
      json.config.settings.targetUrl = 'https://other.example.com/webhooks/hubspot';
    });

    expectProblem(
      await check(),
      WEBHOOKS,
      'config.settings.targetUrl',
      /origin https:\/\/other\.example\.com differs from/,
    );
  });

  it('when serviceOrigin.ts disagrees with every metafile, each metafile field is named', async () => {
    writeFileSync(
      project.src('app/cards/lib/serviceOrigin.ts'),
      "export const SERVICE_ORIGIN = 'https://stale.example.com';\n",
    );

    const result = await check();
    expectProblem(result, APP, 'config.permittedUrls.fetch[0]', /differs from https:\/\/stale\.example\.com/);
    expectProblem(result, ACTION, 'config.actionUrl', /differs from https:\/\/stale\.example\.com/);
  });

  it('when serviceOrigin.ts is missing, the check says how to generate it', async () => {
    project.remove('app/cards/lib/serviceOrigin.ts');

    expectProblem(await check(), 'app/cards/lib/serviceOrigin.ts', '(path)', /npm run hubspot:configure/);
  });
});

describe('scopes and the coming component types', () => {
  it('when an app-event is added without the timeline scope, requiredScopes is named', async () => {
    project.writeJson('app/app-events/order-created-hsmeta.json', orderCreatedEvent);
    project.editJson(APP, (json) => {
      json.config.auth.requiredScopes = json.config.auth.requiredScopes.filter((s: string) => s !== 'timeline');
    });

    expectProblem(await check(), APP, 'config.auth.requiredScopes', /must include "timeline" for the app-event/);
  });

  it('when a template-shaped app-event is added with the timeline scope, the project still passes', async () => {
    project.writeJson('app/app-events/order-created-hsmeta.json', orderCreatedEvent);

    const result = await check();
    expect(result.problems).toEqual([]);
    expect(result.components).toContainEqual({
      uid: 'order_created',
      type: 'app-event',
      file: 'app/app-events/order-created-hsmeta.json',
    });
  });

  it('when an app-event enumeration property has no options, its options field is named', async () => {
    const broken = structuredClone(orderCreatedEvent);
    delete (broken.config.properties[1] as { options?: unknown }).options;
    project.writeJson('app/app-events/order-created-hsmeta.json', broken);

    expectProblem(
      await check(),
      'app/app-events/order-created-hsmeta.json',
      'config.properties[1].options',
      /needs at least one option/,
    );
  });

  it('when a settings page and app home page are added with their package.json, the project passes', async () => {
    project.writeJson('app/settings/settings-hsmeta.json', {
      uid: 'switchboard_settings',
      type: 'settings',
      config: { entrypoint: '/app/settings/Settings.tsx' },
    });
    project.writeJson('app/settings/package.json', project.readJson('app/cards/package.json'));
    writeFileSync(project.src('app/settings/Settings.tsx'), 'export {};\n');
    project.writeJson('app/pages/home-hsmeta.json', {
      uid: 'switchboard_home',
      type: 'page',
      config: { entrypoint: '/app/pages/Home.tsx', location: 'home' },
    });
    project.writeJson('app/pages/package.json', project.readJson('app/cards/package.json'));
    writeFileSync(project.src('app/pages/Home.tsx'), 'export {};\n');

    expect((await check()).problems).toEqual([]);
  });

  it('when the settings folder has no package.json, it is reported', async () => {
    project.writeJson('app/settings/settings-hsmeta.json', {
      uid: 'switchboard_settings',
      type: 'settings',
      config: { entrypoint: '/app/settings/Settings.tsx' },
    });
    writeFileSync(project.src('app/settings/Settings.tsx'), 'export {};\n');

    expectProblem(await check(), 'app/settings/package.json', '(path)', /needs a package\.json/);
  });

  it('when a ticket webhook is subscribed without the tickets scope, requiredScopes is named', async () => {
    let added = -1;
    project.editJson(WEBHOOKS, (json) => {
      added =
        json.config.subscriptions.legacyCrmObjects.push({ subscriptionType: 'ticket.creation', active: true }) - 1;
    });
    project.editJson(APP, (json) => {
      json.config.auth.requiredScopes = json.config.auth.requiredScopes.filter((s: string) => s !== 'tickets');
    });

    const names = new RegExp(`"tickets".*legacyCrmObjects\\[${added}\\]`);
    expectProblem(await check(), APP, 'config.auth.requiredScopes', names);
  });

  it('when a propertyChange subscription has no propertyName, that subscription is named', async () => {
    project.editJson(WEBHOOKS, (json) => {
      delete json.config.subscriptions.legacyCrmObjects[1].propertyName;
    });

    expectProblem(
      await check(),
      WEBHOOKS,
      'config.subscriptions.legacyCrmObjects[1].propertyName',
      /required for propertyChange/,
    );
  });
});

describe('what the cards are built from', () => {
  it('when a card imports a package its folder package.json does not declare, that dependency is named', async () => {
    writeFileSync(
      project.src('app/cards/lib/dates.ts'),
      "import { format } from 'date-fns/format';\nexport const f = format;\n",
    );

    expectProblem(
      await check(),
      'app/cards/package.json',
      'dependencies.date-fns',
      /imported by app\/cards\/lib\/dates\.ts/,
    );
  });

  it('when a card only imports types from a package, no dependency is needed', async () => {
    writeFileSync(
      project.src('app/cards/lib/types.ts'),
      "import type { Dayjs } from 'dayjs';\nexport type D = Dayjs;\n",
    );

    expect((await check()).problems).toEqual([]);
  });

  it('when a file: dependency points at a missing folder, HubSpot’s own resolver reports it', async () => {
    project.editJson('app/cards/package.json', (json) => {
      json.dependencies['@switchboard/contract'] = 'file:../../../src/missing-contract';
    });

    expectProblem(
      await check(),
      'extensions',
      '(file dependencies)',
      /"@switchboard\/contract" at path "src\/missing-contract"/,
    );
  });
});

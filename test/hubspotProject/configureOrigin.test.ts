/**
 * The origin generator (`npm run hubspot:configure`): PUBLIC_ORIGIN is written into every origin-bearing field
 * and serviceOrigin.ts, and the checker then agrees.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkHubspotProject } from '../../src/hubspotProject/checkHubspotProject.ts';
import { configureHubspotProject } from '../../src/hubspotProject/configureHubspotProject.ts';
import { ACTION, APP, type ProjectCopy, WEBHOOKS, copyProject } from './projectCopy.ts';

const NEW_ORIGIN = 'https://api.acme.com';
let project: ProjectCopy;
beforeEach(() => {
  project = copyProject();
});
afterEach(() => project.dispose());

describe('configureHubspotProject', () => {
  it('when pointed at a new origin, every service URL moves there, paths are kept, and the check passes', async () => {
    const { origin, changedFiles } = configureHubspotProject(project.root, `${NEW_ORIGIN}/`);

    expect(origin).toBe(NEW_ORIGIN);
    expect(changedFiles).toEqual(expect.arrayContaining([APP, WEBHOOKS, ACTION, 'app/cards/lib/serviceOrigin.ts']));
    const app = project.readJson(APP);
    expect(app.config.permittedUrls.fetch).toEqual([NEW_ORIGIN]);
    expect(app.config.auth.redirectUrls).toEqual([
      `${NEW_ORIGIN}/oauth/callback`,
      'http://localhost:3000/oauth/callback',
    ]);
    expect(project.readJson(WEBHOOKS).config.settings.targetUrl).toBe(`${NEW_ORIGIN}/webhooks/hubspot`);
    expect(project.readJson(ACTION).config.actionUrl).toBe(`${NEW_ORIGIN}/actions/send-whatsapp`);
    expect(readFileSync(project.src('app/cards/lib/serviceOrigin.ts'), 'utf8')).toContain(
      `export const SERVICE_ORIGIN = '${NEW_ORIGIN}';`,
    );
    const result = await checkHubspotProject(project.root);
    expect(result.problems).toEqual([]);
    expect(result.origin).toBe(NEW_ORIGIN);
  });

  it('when no origin-bearing URL is left on the old host, nothing but support/iframe/img URLs mention it', () => {
    const before = project.readJson(APP).config.support;
    configureHubspotProject(project.root, NEW_ORIGIN);

    const texts = [APP, WEBHOOKS, ACTION].map((f) => JSON.stringify(project.readJson(f)));
    expect(texts.join('\n')).not.toContain('switchboard.example.com');
    expect(project.readJson(APP).config.support).toEqual(before);
  });

  it('when run twice with the same origin, the second run changes no file', () => {
    configureHubspotProject(project.root, NEW_ORIGIN);

    expect(configureHubspotProject(project.root, NEW_ORIGIN).changedFiles).toEqual([]);
  });

  it('when an input has an optionsUrl, it is moved to the new origin too', () => {
    project.editJson(ACTION, (json) => {
      json.config.inputFields[0].typeDefinition.optionsUrl = 'https://switchboard.example.com/actions/templates?x=1';
    });

    configureHubspotProject(project.root, NEW_ORIGIN);

    expect(project.readJson(ACTION).config.inputFields[0].typeDefinition.optionsUrl).toBe(
      `${NEW_ORIGIN}/actions/templates?x=1`,
    );
  });

  it.each([
    ['http://api.acme.com', /must use https/],
    ['https://localhost:8443', /localhost/],
    ['https://api.acme.com/base', /scheme and host only/],
    ['api.acme.com', /not an absolute URL/],
  ])('when given %s, it refuses and writes nothing', (bad, message) => {
    const before = readFileSync(project.src(APP), 'utf8');

    expect(() => configureHubspotProject(project.root, bad)).toThrow(message);
    expect(readFileSync(project.src(APP), 'utf8')).toBe(before);
  });
});

/**
 * Test helper: a throw-away copy of the real HubSpot project (hsproject.json + extensions/) in a temp dir,
 * plus small editors to break it. Paths given to the editors are relative to srcDir, like Problem.file.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { CheckResult } from '../../src/hubspotProject/types.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into metafile JSON of any shape to break it on purpose.
export type LooseJson = any;

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface ProjectCopy {
  root: string;
  /** Absolute path of a file under srcDir (`extensions/`). */
  src(rel: string): string;
  readJson(rel: string): LooseJson;
  writeJson(rel: string, value: unknown): void;
  /** Read, let `edit` mutate, write back. */
  editJson(rel: string, edit: (json: LooseJson) => void): void;
  remove(rel: string): void;
  dispose(): void;
}

/**
 * `file:` dependencies of the extension folders (e.g. the cards' @switchboard/contract) live outside extensions/;
 * copy them to the same relative place so HubSpot's file-dependency resolution works in the copy too.
 */
function copyFileDependencies(root: string): void {
  for (const folder of ['cards', 'settings', 'pages']) {
    const manifest = path.join(REPO_ROOT, 'extensions/app', folder, 'package.json');
    if (!existsSync(manifest)) continue;
    const dependencies: Record<string, string> = JSON.parse(readFileSync(manifest, 'utf8')).dependencies ?? {};
    for (const spec of Object.values(dependencies).filter((s) => s.startsWith('file:'))) {
      const target = path.relative(REPO_ROOT, path.resolve(path.dirname(manifest), spec.slice('file:'.length)));
      cpSync(path.join(REPO_ROOT, target), path.join(root, target), {
        recursive: true,
        filter: (source) => !source.split(path.sep).includes('node_modules'),
      });
    }
  }
}

export function copyProject(): ProjectCopy {
  const root = mkdtempSync(path.join(tmpdir(), 'switchboard-hsproject-'));
  cpSync(path.join(REPO_ROOT, 'hsproject.json'), path.join(root, 'hsproject.json'));
  cpSync(path.join(REPO_ROOT, 'extensions'), path.join(root, 'extensions'), {
    recursive: true,
    filter: (source) => !source.split(path.sep).includes('node_modules'),
  });
  copyFileDependencies(root);
  const src = (rel: string) => path.join(root, 'extensions', rel);
  const readJson = (rel: string): LooseJson => JSON.parse(readFileSync(src(rel), 'utf8'));
  const writeJson = (rel: string, value: unknown) => {
    mkdirSync(path.dirname(src(rel)), { recursive: true });
    writeFileSync(src(rel), `${JSON.stringify(value, null, 2)}\n`);
  };
  return {
    root,
    src,
    readJson,
    writeJson,
    editJson: (rel, edit) => {
      const json = readJson(rel);
      edit(json);
      writeJson(rel, json);
    },
    remove: (rel) => rmSync(src(rel), { recursive: true, force: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export const APP = 'app/app-hsmeta.json';
export const CARD = 'app/cards/status-card-hsmeta.json';
export const WEBHOOKS = 'app/webhooks/webhooks-hsmeta.json';
export const ACTION = 'app/workflow-actions/send-whatsapp-hsmeta.json';

/** A valid app-event, shaped like the hpc 2025.2 template (reference §3.1). */
export const orderCreatedEvent = {
  uid: 'order_created',
  type: 'app-event',
  config: {
    name: 'Order created',
    objectType: 'DEAL',
    headerTemplate: 'Order {{orderNumber}} created',
    detailTemplate: 'Status: {{status}}',
    properties: [
      { name: 'orderNumber', label: 'Order number', type: 'string' },
      { name: 'status', label: 'Status', type: 'enumeration', options: [{ value: 'open', label: 'Open' }] },
    ],
  },
};

/** The check failed and one problem names exactly this file and field, with a message matching `message`. */
export function expectProblem(result: CheckResult, file: string, field: string, message: RegExp): void {
  expect(result.ok).toBe(false);
  expect(result.problems).toContainEqual({ file, field, message: expect.stringMatching(message) });
}

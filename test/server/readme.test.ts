import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.ts';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const PACKAGE = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));

describe('the README tells a newcomer the truth', () => {
  it.each(CONFIG_VARIABLES)('documents %s in the configuration table', (variable) => {
    expect(README).toMatch(new RegExp(`^\\| \`${variable}\` \\|`, 'm'));
  });

  it('documents no variable the service does not read', () => {
    const documented = [...README.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('states the same defaults the service uses', () => {
    const config = loadConfig({});
    expect(README).toContain(`| \`PORT\` | \`${config.port}\` |`);
    expect(README).toContain(`| \`DATABASE_PATH\` | \`${config.databasePath}\` |`);
    expect(README).toContain(`| \`PUBLIC_ORIGIN\` | \`${config.publicOrigin}\` |`);
  });

  it('names only scripts that exist, and the two setup commands', () => {
    for (const [, script] of README.matchAll(/npm run ([a-z:]+)/g)) {
      expect(PACKAGE.scripts, `npm run ${script}`).toHaveProperty([script!]);
    }
    expect(README).toContain('npm install && npm run demo');
    expect(README).toContain('npm test');
  });
});

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('npm run demo', () => {
  it('walks every scenario against the sandbox and exits cleanly in --once mode', () => {
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['server/demo.ts', '--once'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Switchboard demo');
    expect(run.stdout).toMatch(/signed GET \/api\/cards\/status\?portalId=\d+ → 200/);
    expect(run.stdout).toMatch(/without HubSpot's signature → 401/);
    expect(run.stdout).not.toContain('FAILED');
  });
});

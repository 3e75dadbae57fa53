import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'server/main.ts');
// Resolved here, not by the child: the child runs in an empty folder where `tsx` cannot be found.
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/**
 * Starts the real service in an empty folder, with only the given variables. Node loads tsx as a hook in the
 * same process (the tsx CLI would run the service in a grandchild that a SIGKILL of the CLI leaves running).
 */
function startService(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const listening = new Promise<string>((done, fail) => {
    child.stdout.on('data', () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(stdout);
      if (match) done(match[1]!);
    });
    void exited.then((code) => fail(new Error(`exited ${code}: ${stderr}`)));
  });
  listening.catch(() => undefined); // a test that expects an early exit never awaits it
  return { child, cwd, exited, listening, output: () => ({ stdout, stderr }) };
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) c.kill('SIGKILL');
});

describe('starting and stopping the service', () => {
  it('with no configuration, starts, creates its SQLite file under ./data and answers /healthz', async () => {
    const svc = startService({ PORT: '0' }); // any free port: CI may have 3000 taken
    running.push(svc.child);
    const url = await svc.listening;
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(existsSync(join(svc.cwd, 'data/switchboard.db'))).toBe(true);
  });

  it('on SIGTERM, stops accepting, closes the database and exits 0', async () => {
    const svc = startService({ PORT: '0' });
    running.push(svc.child);
    const url = await svc.listening;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    svc.child.kill('SIGTERM');
    expect(await svc.exited).toBe(0);
    expect(svc.output().stdout).toContain('"msg":"stopped"');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('with an invalid variable, exits non-zero and names it', async () => {
    const svc = startService({ PORT: 'eighty' });
    running.push(svc.child);
    expect(await svc.exited).toBe(1);
    expect(svc.output().stderr).toContain('PORT:');
  });
});

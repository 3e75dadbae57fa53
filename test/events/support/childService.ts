import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { freePort } from '../../../sandbox/listen.ts';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = join(ROOT, 'test/events/support/serviceChild.ts');
// Node runs the script itself with tsx as a loader: the tsx CLI would run it in a grandchild that a SIGKILL of
// the CLI leaves running, and the "killed" service would quietly carry on.
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export const ADMIN_TOKEN = 'kill-test-operator-token-0123456789abcdef';

/** Environment for the real service: file SQLite, the sandbox as HubSpot, a fixed key so a restart can decrypt. */
export async function serviceEnv(o: { hubspotUrl: string; clientSecret: string }) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-kill-'));
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
    DATABASE_PATH: join(dir, 'switchboard.db'),
    LOG_LEVEL: 'info',
    HUBSPOT_CLIENT_SECRET: o.clientSecret,
    HUBSPOT_API_BASE_URL: o.hubspotUrl,
    TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    ADMIN_TOKEN,
  };
}

/** Starts serviceChild.ts (or `script`); resolves `listening` with its URL once it logs "switchboard listening". */
export function startChildService(env: Record<string, string>, script = CHILD) {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  const listening = new Promise<string>((done, fail) => {
    child.stdout?.on('data', () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(stdout);
      if (match) done(match[1]!);
    });
    void exited.then(({ code }) => fail(new Error(`service exited ${code}: ${stderr}`)));
  });
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './support.ts';

const CHILD = join(ROOT, 'test/jobs/childWorker.ts');

/**
 * Starts childWorker.ts; `line(text)` resolves when the child prints that line. Node runs the script itself
 * (tsx as a loader), not the tsx CLI: the CLI runs scripts in a grandchild process, which a SIGKILL of the
 * CLI would leave running — the "killed" worker would quietly carry on.
 */
export function spawnWorker(mode: 'race' | 'crash', dbPath: string, name: string) {
  const args = ['--import', 'tsx', CHILD, mode, dbPath, name];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const line = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (stdout.split('\n').includes(text)) resolve();
      };
      child.stdout.on('data', check);
      check();
      void exited.then(({ code }) => reject(new Error(`child ${name} exited ${code} before "${text}": ${stderr}`)));
    });
  return { child, exited, line, go: () => child.stdin.write('go\n'), stderr: () => stderr };
}

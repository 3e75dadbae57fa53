/** The service processes bench/webhooks.ts runs (bench/support/webhookService.ts) and what it reads from them. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '../..');

/**
 * Request durations the HTTP process logged for webhook deliveries (requestLogger's `ms`): the server's own share
 * of each latency, the rest being the network stack, scheduling and the load generator.
 */
export function serverTimesOf(child: ChildProcess) {
  let times: number[] = [];
  let partial = '';
  child.stdout?.on('data', (d: Buffer) => {
    const lines = (partial + d.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const ms = /"path":"\/webhooks\/hubspot".*"ms":([\d.]+)/.exec(line)?.[1];
      if (ms !== undefined) times.push(Number(ms));
    }
  });
  return {
    /** The durations logged since the last call. */
    take(): number[] {
      const taken = times;
      times = [];
      return taken;
    },
  };
}

/**
 * Starts webhookService.ts in `role` (`all`, `web` or `worker`) and resolves once it is ready. `cpuProfileDir`:
 * where Node writes the process's CPU profile when it exits. `nice`: a lower CPU priority for the process, set by
 * nice(1) before Node starts so that every thread has it (os.setPriority would lower the main thread only, not
 * the garbage collector's helpers).
 */
export async function startServiceProcess(o: {
  role: 'all' | 'web' | 'worker';
  env: Record<string, string | undefined>;
  cpuProfileDir?: string;
  nice?: number;
}): Promise<ChildProcess> {
  const profile = o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : [];
  const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const node = [process.execPath, ...profile, '--import', loader, join(ROOT, 'bench/support/webhookService.ts')];
  const command = o.nice ? ['nice', '-n', String(o.nice), ...node] : node; // nice execs node: same pid
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...o.env, BENCH_ROLE: o.role },
  });
  process.once('exit', () => child.kill('SIGKILL')); // however the bench ends, its service ends too
  await new Promise<void>((done, fail) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (!out.includes('bench service ready')) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume(); // log lines: drained, read only by serverTimesOf
      done();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${o.role} service exited ${code}`)));
  });
  return child;
}

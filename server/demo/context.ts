import type { RunningSandboxes } from '../../sandbox/startSandboxes.ts';
import type { Config } from '../../src/config.ts';

/** What every demo scenario gets: the running sandboxes, the running service and a way to tell the user. */
export interface DemoContext {
  sandboxes: RunningSandboxes;
  service: { url: string; config: Config };
  portalId: number;
  say(line?: string): void;
}

export interface DemoScenario {
  title: string;
  run(ctx: DemoContext): Promise<void>;
}

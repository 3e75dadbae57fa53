import type { Logger } from '../logger.ts';
import type { FanOutTally, InboxFanOut } from './inboxFanOut.ts';

export interface FanOutLoopOptions {
  /** How often an idle loop looks for deliveries other processes appended. */
  pollMs?: number;
}

const RETRY_AFTER_ERROR_MS = 1_000;

/**
 * Runs the inbox fan-out in the background, in the process that runs the worker: slice after slice while
 * deliveries wait, yielding between them (the worker's jobs go on meanwhile, though behind the fan-out: a job
 * takes all of its object's new events, so jobs wait in a queue that grows by objects, the inbox by deliveries);
 * when the inbox is empty it looks again every `pollMs`, or at once when this process appends (`wake`).
 * Stopping tidies up: what was stored leaves the inbox.
 */
export function createFanOutLoop(fanOut: InboxFanOut, logger: Logger, options: FanOutLoopOptions = {}) {
  const pollMs = options.pollMs ?? 50;
  let state: 'idle' | 'running' | 'stopping' = 'idle';
  let loop: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;
  let woken = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        resolve();
        return;
      }
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function run(): Promise<void> {
    while (state === 'running') {
      woken = false;
      let tally: FanOutTally;
      try {
        tally = fanOut.drainSlice();
      } catch (err) {
        logger.error({ err }, 'webhook fan-out failed; the deliveries stay in the inbox');
        await sleep(RETRY_AFTER_ERROR_MS);
        continue;
      }
      if (tally.deliveries > 0) await new Promise((resolve) => setImmediate(resolve));
      else await sleep(pollMs);
      wake = undefined;
    }
  }

  /** Ends the current pause (an append in this process). */
  function wakeUp(): void {
    woken = true;
    wake?.();
  }

  return {
    start(): void {
      if (state !== 'idle') return;
      state = 'running';
      loop = run();
    },
    async stop(): Promise<void> {
      if (state !== 'running') return;
      state = 'stopping';
      wakeUp();
      await loop;
      state = 'idle';
      try {
        fanOut.cleanUp();
      } catch (err) {
        logger.warn({ err }, 'stored webhook deliveries stay in the inbox until the next fan-out');
      }
    },
    wake: wakeUp,
  };
}

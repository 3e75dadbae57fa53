import { SlidingWindow } from './slidingWindow.ts';
import type { Timers } from './timers.ts';
import { WaitQueue } from './waitQueue.ts';

export type Priority = 'interactive' | 'background';

/** Tells the budget the granted request is over (answered or failed); see RateBudgetOptions.holdInFlight. */
export type Release = (atMs?: number) => void;

export interface Waiter {
  priority: Priority;
  /** Set once granted, rejected or aborted; a done waiter left in a queue is skipped. */
  done: boolean;
  grant(release: Release): void;
  fail(err: unknown): void;
}

/** A waiter settled exactly once: by a grant, a failure, or its caller's abort signal. */
export function createWaiter(
  priority: Priority,
  resolve: (release: Release) => void,
  reject: (err: unknown) => void,
  signal?: AbortSignal,
): Waiter {
  const onAbort = () => waiter.fail(signal?.reason);
  const settle = (then: () => void) => {
    if (waiter.done) return;
    waiter.done = true;
    signal?.removeEventListener('abort', onAbort);
    then();
  };
  const waiter: Waiter = {
    priority,
    done: false,
    grant: (release) => settle(() => resolve(release)),
    fail: (err) => settle(() => reject(err)),
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  return waiter;
}

/**
 * One rolling window with its waiters (a portal has a general lane and a search lane).
 * Interactive waiters are always served before background ones, FIFO within each.
 */
export class BudgetLane {
  window: SlidingWindow;
  pausedUntil = 0;
  /** When the last request was granted (for pacing). */
  lastGrantAt = Number.NEGATIVE_INFINITY;
  readonly #queues: Record<Priority, WaitQueue<Waiter>> = { interactive: new WaitQueue(), background: new WaitQueue() };
  #timer: unknown;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(
    capacity: number,
    windowMs: number,
    private readonly timers: Timers,
    /** Share of the window that may go out back to back; beyond it, grants are spaced windowMs/capacity. */
    private readonly burstFraction = 1,
  ) {
    this.window = new SlidingWindow(capacity, windowMs);
  }

  get waiting(): number {
    return this.#queues.interactive.size + this.#queues.background.size;
  }

  enqueue(waiter: Waiter): void {
    this.#queues[waiter.priority].push(waiter);
  }

  /** The next live waiter: interactive first, then background; aborted ones are dropped. */
  next(): Waiter | undefined {
    for (const queue of [this.#queues.interactive, this.#queues.background]) {
      for (let w = queue.shift(); w !== undefined; w = queue.shift()) if (!w.done) return w;
    }
    return undefined;
  }

  /** When the next request may go: after any pause, once the window has room, and paced once it is busy. */
  readyAt(now: number): number {
    const free = Math.max(this.pausedUntil, this.window.nextFreeAt(now));
    if (this.burstFraction >= 1 || this.window.countAt(now) < this.window.capacity * this.burstFraction) return free;
    // 10% quicker than the window's average rate, so pacing never becomes the bottleneck; the window still is.
    return Math.max(free, this.lastGrantAt + (0.9 * this.window.windowMs) / this.window.capacity);
  }

  /** Calls `wake` at `at`; one timer per lane, re-armed only when the time changes. */
  sleepUntil(at: number, now: number, wake: () => void): void {
    if (this.#timer !== undefined && this.#timerAt === at) return;
    this.cancelSleep();
    this.#timerAt = at;
    this.#timer = this.timers.setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      wake();
    }, at - now);
  }

  cancelSleep(): void {
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /** Rejects every waiter with `err`. */
  failAll(err: unknown): void {
    this.cancelSleep();
    for (const w of [...this.#queues.interactive.drain(), ...this.#queues.background.drain()]) w.fail(err);
  }

  snapshot(now: number) {
    return {
      limit: this.window.capacity,
      windowMs: this.window.windowMs,
      inWindow: this.window.countAt(now),
      queued: { interactive: this.#queues.interactive.size, background: this.#queues.background.size },
      pausedUntil: this.pausedUntil > now ? this.pausedUntil : null,
    };
  }
}

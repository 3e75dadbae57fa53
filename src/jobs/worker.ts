import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createLogger, type Logger } from '../logger.ts';
import {
  type Execution,
  type ExecutionDeps,
  type JobHandler,
  type RegisteredHandler,
  ShutdownAbort,
  startExecution,
} from './jobExecution.ts';
import type { Queue } from './queue.ts';
import { defaultClassifier, type RetryClassifier } from './retryPolicy.ts';

export interface WorkerOptions {
  queue: Queue;
  /** Recorded as lease owner; default host:pid:random. */
  workerId?: string;
  /** Jobs run at the same time. Default 4. */
  concurrency?: number;
  /** Lease length; a worker that stops renewing for this long is presumed dead. Default 60 s. */
  leaseMs?: number;
  /** Lease renewal period while a handler runs. Default leaseMs / 3: two renewals may fail before expiry. */
  heartbeatMs?: number;
  /** Claim period when nobody calls notify() (jobs enqueued by other processes, delayed jobs). Default 1 s. */
  pollIntervalMs?: number;
  classify?: RetryClassifier;
  logger?: Logger;
}

/** The longest the worker's claim loop keeps the event loop to itself. */
const YIELD_EVERY_MS = 2;

const settledWithin = (p: Promise<unknown>, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void p.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/**
 * Claims jobs from the queue and runs them with registered handlers, at most `concurrency` at a time.
 * `start()` polls in the background (woken early by notify()); `runUntilIdle()` drains what is due.
 */
export class Worker {
  readonly id: string;
  readonly #handlers = new Map<string, RegisteredHandler>();
  readonly #running = new Map<number, Execution>();
  readonly #deps: ExecutionDeps;
  readonly #concurrency: number;
  readonly #pollMs: number;
  #state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  #loop: Promise<void> = Promise.resolve();
  #filling: Promise<number> | undefined;
  #wake: (() => void) | undefined;
  #woken = false;
  #yieldedAt = 0;
  #unsubscribe: () => void = () => undefined;

  constructor(options: WorkerOptions) {
    const leaseMs = options.leaseMs ?? 60_000;
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#concurrency = options.concurrency ?? 4;
    this.#pollMs = options.pollIntervalMs ?? 1_000;
    this.#deps = {
      queue: options.queue,
      leaseMs,
      heartbeatMs: options.heartbeatMs ?? Math.floor(leaseMs / 3),
      classify: options.classify ?? defaultClassifier,
      logger: (options.logger ?? createLogger('silent')).child({ worker: this.id }),
    };
  }

  /** Handles jobs of `type`; with `payload` (e.g. a zod schema) a payload that does not parse is dead-lettered. */
  registerHandler<P>(type: string, handler: JobHandler<P>, options: { payload?: { parse(raw: unknown): P } } = {}) {
    if (this.#handlers.has(type)) throw new Error(`worker: a handler for ${type} is already registered`);
    // Stored untyped: the optional payload parser (or the enqueuer) is what vouches for P.
    this.#handlers.set(type, { handler: handler as JobHandler<unknown>, payload: options.payload });
    return this;
  }

  get inFlight(): number {
    return this.#running.size;
  }

  /** Starts claiming in the background until stop(). */
  start(): void {
    if (this.#state !== 'idle') throw new Error(`worker ${this.id}: cannot start when ${this.#state}`);
    this.#state = 'running';
    this.#unsubscribe = this.#deps.queue.onAvailable(() => this.notify());
    this.#loop = this.#pollLoop();
  }

  /** Cheap wake-up: claim now instead of at the next poll. Safe to call any time, from anywhere. */
  notify(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Claims and runs jobs until none is due and none is running. For scripts, tests and the bench. */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      if ((await this.#fill()) > 0) continue;
      if (this.#running.size === 0) return;
      await Promise.race([...this.#running.values()].map((e) => e.done));
    }
  }

  /**
   * Graceful stop: no more claims; in-flight handlers get `graceMs` to finish, then their signal is aborted
   * (their jobs are released without using an attempt) and they get `abortWaitMs` more. Handlers still running
   * after that are abandoned: their leases stop being renewed and expire, so another worker takes the jobs.
   */
  async stop({ graceMs = 10_000, abortWaitMs = 1_000 } = {}): Promise<{ abandoned: number }> {
    if (this.#state === 'stopped') return { abandoned: 0 };
    this.#state = 'stopping';
    this.#unsubscribe();
    this.notify();
    await this.#loop;
    if (!(await settledWithin(this.#allDone(), graceMs))) {
      for (const e of this.#running.values()) e.abort(new ShutdownAbort('worker shutting down'));
      await settledWithin(this.#allDone(), abortWaitMs);
    }
    for (const e of this.#running.values()) e.abandon();
    this.#state = 'stopped';
    return { abandoned: this.#running.size };
  }

  #allDone(): Promise<unknown> {
    return Promise.all([...this.#running.values()].map((e) => e.done));
  }

  async #pollLoop(): Promise<void> {
    while (this.#state === 'running') {
      try {
        await this.#fill();
      } catch (err) {
        // SQLITE_BUSY past the busy timeout, a closed database: keep the worker alive and try again later.
        this.#deps.logger.error({ err }, 'claim failed');
      }
      await this.#sleep();
    }
  }

  /** Sleeps until notify(), a finished job (a slot freed) or the poll interval, whichever comes first, then yields. */
  async #sleep(): Promise<void> {
    if (!this.#woken) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.#wake = undefined;
    this.#woken = false;
    // Yield to I/O at least every YIELD_EVERY_MS. Handlers that finish without real I/O (SQLite is synchronous)
    // would otherwise chain claim → run → notify → claim in microtasks and starve the HTTP server sharing this
    // event loop, and webhooks must be answered within milliseconds (hubspot-platform.md §4.2). Not after every
    // round: a macrotask hop per few jobs costs a third of the no-op throughput (bench/jobs.ts).
    if (performance.now() - this.#yieldedAt < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#yieldedAt = performance.now();
  }

  /** Claims up to the free slots and starts them. One fill at a time, or two could overshoot concurrency. */
  async #fill(): Promise<number> {
    if (this.#filling) {
      await this.#filling;
      return 0;
    }
    this.#filling = this.#claimAndStart();
    try {
      return await this.#filling;
    } finally {
      this.#filling = undefined;
    }
  }

  async #claimAndStart(): Promise<number> {
    const free = this.#concurrency - this.#running.size;
    if (free <= 0 || this.#handlers.size === 0) return 0;
    const { queue, leaseMs } = this.#deps;
    const jobs = await queue.claim(this.id, { limit: free, leaseMs, types: [...this.#handlers.keys()] });
    for (const job of jobs) {
      const execution = startExecution(this.#deps, job, this.#handlers.get(job.type)!);
      this.#running.set(job.id, execution);
      void execution.done.then(() => {
        this.#running.delete(job.id);
        this.notify();
      });
    }
    return jobs.length;
  }
}

/** One send in a window: counted from `t` (a grant time, later perhaps a completion time; Infinity while held). */
export interface WindowEntry {
  t: number;
  readonly grantedAt: number;
}

/**
 * A rolling window of at most `capacity` sends per `windowMs`, as HubSpot counts them
 * (TEN_SECONDLY_ROLLING: rolling, not fixed buckets). Keeps the last `capacity` entries: the next send is
 * allowed once the earliest of them has left the window, so any `windowMs` span holds at most `capacity`.
 *
 * An entry may be *held* (counted as "now" until released) and then moved to its completion time. HubSpot
 * counts a request when it ARRIVES, which is somewhere between our grant and the answer; counting every
 * request until its answer + windowMs is therefore never more permissive than HubSpot, whatever the latency
 * (a burst of 110 sent from a busy event loop can take hundreds of milliseconds to arrive).
 * O(capacity) per send, capacity ≤ a few hundred.
 */
export class SlidingWindow {
  #entries: WindowEntry[] = [];

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
  }

  #earliest(): number {
    let index = 0;
    for (let i = 1; i < this.#entries.length; i++) if (this.#entries[i]!.t < this.#entries[index]!.t) index = i;
    return index;
  }

  /** Earliest time ≥ now at which one more send stays within the limit (Infinity: wait for a release). */
  nextFreeAt(now: number): number {
    if (this.#entries.length < this.capacity) return now;
    return Math.max(now, this.#entries[this.#earliest()]!.t + this.windowMs);
  }

  /** Records a send at `at`; a held entry counts until `release` moves it to its completion time. */
  record(at: number, hold = false): WindowEntry {
    const entry: WindowEntry = { t: hold ? Number.POSITIVE_INFINITY : at, grantedAt: at };
    if (this.#entries.length < this.capacity) this.#entries.push(entry);
    else this.#entries[this.#earliest()] = entry; // callers wait for nextFreeAt, so it has left the window
    return entry;
  }

  /** The request of `entry` finished at `at`: it stays in the window until `at + windowMs`. */
  static release(entry: WindowEntry, at: number): void {
    entry.t = Math.max(entry.grantedAt, at);
  }

  /** Sends inside (now − windowMs, now], held ones included. For stats and header reconciliation only. */
  countAt(now: number): number {
    return this.#entries.filter((e) => e.t > now - this.windowMs).length;
  }

  /** A window with new limits that keeps the most recent sends (the same entries, so releases still land). */
  resized(capacity: number, windowMs: number): SlidingWindow {
    const next = new SlidingWindow(capacity, windowMs);
    next.#entries = [...this.#entries].sort((a, b) => a.t - b.t).slice(-capacity);
    return next;
  }
}

/**
 * A rolling window of at most `capacity` sends per `windowMs`, as HubSpot counts them
 * (TEN_SECONDLY_ROLLING: rolling, not fixed buckets). Keeps the last `capacity` send times in a ring
 * buffer: the next send is allowed once the oldest of them has left the window, so any `windowMs` span
 * holds at most `capacity` sends. O(1) per send.
 */
export class SlidingWindow {
  #times: Float64Array;
  #head = 0; // index of the oldest recorded send
  #size = 0;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.#times = new Float64Array(capacity);
  }

  /** Earliest time ≥ now at which one more send stays within the limit. */
  nextFreeAt(now: number): number {
    if (this.#size < this.capacity) return now;
    return Math.max(now, this.#times[this.#head]! + this.windowMs);
  }

  /** Records a send at `at` (times must not go backwards much; a clock step back only makes us stricter). */
  record(at: number): void {
    if (this.#size < this.capacity) {
      this.#times[(this.#head + this.#size) % this.capacity] = at;
      this.#size += 1;
      return;
    }
    this.#times[this.#head] = at;
    this.#head = (this.#head + 1) % this.capacity;
  }

  /** Sends inside (now − windowMs, now]. O(capacity); for stats and header reconciliation only. */
  countAt(now: number): number {
    let count = 0;
    for (let i = 0; i < this.#size; i++) {
      if (this.#times[(this.#head + i) % this.capacity]! > now - this.windowMs) count += 1;
    }
    return count;
  }

  /** A window with new limits that keeps the most recent sends, so a change never forgets usage. */
  resized(capacity: number, windowMs: number): SlidingWindow {
    const next = new SlidingWindow(capacity, windowMs);
    const keep = Math.min(this.#size, capacity);
    for (let i = this.#size - keep; i < this.#size; i++) next.record(this.#times[(this.#head + i) % this.capacity]!);
    return next;
  }
}

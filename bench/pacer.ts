/**
 * A simple per-portal pacer for the bench, standing in for the gateway's rate budget: a request holds a slot of
 * its lane from when it is sent until `windowMs` after its answer arrived. HubSpot counts a request when it
 * arrives, which is never after its answer, so a full lane can never make HubSpot's rolling window overflow —
 * whatever the network or server queueing does to arrival times (reference §11.4: 110 / 10 s for OAuth apps;
 * §3: search 5 / s).
 */
class Lane {
  #inFlight = 0;
  readonly #finished: number[] = [];
  readonly #waiting: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.#waiting.push(resolve);
      this.#pump();
    });
    try {
      return await fn();
    } finally {
      this.#inFlight -= 1;
      this.#finished.push(Date.now());
      this.#pump();
    }
  }

  #pump(): void {
    const now = Date.now();
    while (this.#finished.length > 0 && this.#finished[0]! <= now - this.windowMs) this.#finished.shift();
    while (this.#waiting.length > 0 && this.#inFlight + this.#finished.length < this.limit) {
      this.#inFlight += 1;
      this.#waiting.shift()!();
    }
    if (this.#waiting.length > 0 && this.#finished.length > 0 && !this.#timer) {
      this.#timer = setTimeout(
        () => {
          this.#timer = undefined;
          this.#pump();
        },
        this.#finished[0]! + this.windowMs - now + 1,
      );
    }
  }
}

/** Lanes of one OAuth-installed portal: general 110 / 10 s, search 5 / 1 s. */
export function oauthPacer() {
  const lanes = { general: new Lane(110, 10_000), search: new Lane(5, 1_000) };
  return <T>(kind: 'general' | 'search', fn: () => Promise<T>) => lanes[kind].run(fn);
}

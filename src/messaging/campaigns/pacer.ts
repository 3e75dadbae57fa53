/**
 * Hands out send slots so a campaign stays inside WhatsApp's two sending limits (reference/whatsapp.md §3):
 * - throughput per business number: 80 msg/s by default [M-thru], over it → 130429. Slots are spaced
 *   (1000 + guardMs) / limit apart on a grid per number. Inbound messages count too [M-thru]; they are not
 *   visible here, which the guard partly absorbs and 130429's retry covers.
 * - pair rate per (number, recipient): about one message per 6 s [U: partners' figure, dualhook/whats91],
 *   over it → 131056. The burst allowance partners quote (45) is deliberately not used.
 * `reserve` plans (deterministic given `now`): a recipient whose pair is busy takes a later slot without
 * holding back the recipients behind it, so throughput stays at the limit while one user waits. Planned
 * slots are not a guarantee: the send gate on the provider (src/whatsapp/sendGate.ts) checks real request
 * and answer times, so a late timer or a slow answer cannot let a burst through.
 */

export interface PacerOptions {
  /** Messages per second per business number (reference §3: 80 default; 1,000 upgraded; 20 coexistence). */
  throughputPerSecond: number;
  /** Minimum time between two messages to the same recipient from one number [U] 6 s. */
  pairIntervalMs: number;
  /** Safety margin added to each second and to each pair interval [M]. */
  guardMs: number;
}

export const DEFAULT_PACER: PacerOptions = { throughputPerSecond: 80, pairIntervalMs: 6_000, guardMs: 10 };

interface NumberLane {
  origin: number;
  spacing: number;
  /**
   * Taken slot index → a later index to look at next ("find the next free slot" as a disjoint-set forest
   * with path compression): reserving behind a long run of taken slots stays cheap. Pointers only go up.
   */
  taken: Map<number, number>;
  blockedUntil: number;
}

export class SendPacer {
  private readonly lanes = new Map<string, NumberLane>();
  private readonly pairs = new Map<string, number>();

  constructor(
    private readonly options: PacerOptions = DEFAULT_PACER,
    /** Per-number overrides of the throughput (from whatsapp_phone_numbers). */
    private readonly throughputOf: (numberId: string) => number = () => options.throughputPerSecond,
  ) {}

  /** Reserves the earliest slot ≥ now for a message from `numberId` to `recipient`; returns its time (ms). */
  reserve(numberId: string, recipient: string, now: number): number {
    const lane = this.lane(numberId, now);
    const pairKey = `${numberId}\u0000${recipient}`;
    const notBefore = Math.max(now, lane.blockedUntil, this.pairs.get(pairKey) ?? now);
    const k = this.freeSlot(lane, Math.ceil((notBefore - lane.origin) / lane.spacing));
    const at = lane.origin + k * lane.spacing;
    this.pairs.set(pairKey, at + this.options.pairIntervalMs + this.options.guardMs);
    if (this.pairs.size > 16_384) for (const [key, until] of this.pairs) if (until < now) this.pairs.delete(key);
    return at;
  }

  /** WhatsApp said "too fast" (130429 for the number, 131056 for the pair): no slot before `until`. */
  penalize(scope: 'number' | 'recipient', numberId: string, recipient: string, until: number): void {
    if (scope === 'number') {
      const lane = this.lanes.get(numberId);
      if (lane) lane.blockedUntil = Math.max(lane.blockedUntil, until);
      return;
    }
    const key = `${numberId}\u0000${recipient}`;
    this.pairs.set(key, Math.max(this.pairs.get(key) ?? 0, until));
  }

  private lane(numberId: string, now: number): NumberLane {
    let lane = this.lanes.get(numberId);
    if (!lane) {
      const spacing = (1_000 + this.options.guardMs) / this.throughputOf(numberId);
      lane = { origin: now, spacing, taken: new Map(), blockedUntil: now };
      this.lanes.set(numberId, lane);
    }
    this.forgetPast(lane, now);
    return lane;
  }

  private freeSlot(lane: NumberLane, from: number): number {
    const path: number[] = [];
    let k = from;
    for (let next = lane.taken.get(k); next !== undefined; next = lane.taken.get(k)) {
      path.push(k);
      k = next;
    }
    for (const p of path) lane.taken.set(p, k);
    lane.taken.set(k, k + 1);
    return k;
  }

  /** Past slots can no longer be asked for (searches start at now, pointers go up): drop them. */
  private forgetPast(lane: NumberLane, now: number): void {
    if (lane.taken.size < 4_096) return;
    const current = Math.floor((now - lane.origin) / lane.spacing);
    for (const k of lane.taken.keys()) if (k < current) lane.taken.delete(k);
  }
}

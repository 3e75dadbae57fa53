/**
 * The last check before a message leaves, on real times rather than planned ones. Meta counts a message
 * when it arrives (reference/whatsapp.md §3: at most `limit` in any rolling second per number, one per
 * interval per recipient [U]), and a request arrives after it left and before its answer came back:
 * - basis 'answer' (default): a message leaves only when the message `limit` places earlier on its number
 *   was *answered* over 1 s ago (and the previous one to the same recipient over the pair interval ago).
 *   Its arrival is then later than that one's by more than the window, whatever the delays in between
 *   (event-loop stall, GC, slow network): a late timer or a slow answer costs time, never a 130429. The
 *   price is one round trip per `limit` messages: ≈ limit × 1000 / (1000 + round trip) per second.
 * - basis 'departure': the same on departure times plus `guardMs`: full speed over a slow link, but jitter
 *   above the guard can cost a 130429 (classified `retry`) [M: for high-latency links].
 */

export interface GateOptions {
  /** Minimum time between two messages to one recipient from one number [U] 6 s (§3, partners' figure). */
  pairIntervalMs: number;
  /** Margin added to the second and to the pair interval on the 'departure' basis [M]. */
  guardMs: number;
  basis?: 'answer' | 'departure';
}

/** reference §3: about one message per 6 s to the same user [U]; a 25 ms margin [M]. */
export const DEFAULT_GATE: GateOptions = { pairIntervalMs: 6_000, guardMs: 25, basis: 'answer' };

export interface GateTicket {
  numberId: string;
  pairKey: string;
  index: number;
}

interface Mark {
  inFlight: boolean;
  /** When it left, then (basis 'answer') when its answer came. */
  at: number;
}

/** While the earlier message is still in flight, look again this soon. */
const POLL_MS = 2;
/** Date.now() has 1 ms resolution on both sides of the comparison. */
const CLOCK_MS = 1;

export type Admission = { ok: true; ticket: GateTicket } | { ok: false; waitMs: number };

export class SendGate {
  private readonly lanes = new Map<string, { marks: Mark[]; next: number }>();
  private readonly pairs = new Map<string, Mark>();
  private readonly margin: number;
  private readonly byAnswer: boolean;

  constructor(
    private readonly options: GateOptions = DEFAULT_GATE,
    /** Messages per second each number may send (whatsapp_phone_numbers; 80 by default, §3). */
    private readonly limitOf: (numberId: string) => number = () => 80,
  ) {
    this.byAnswer = (options.basis ?? 'answer') === 'answer';
    this.margin = this.byAnswer ? CLOCK_MS : options.guardMs;
  }

  /** Lets a message leave now (take the ticket, release it when answered), or says how long to wait. */
  admit(numberId: string, recipient: string, now: number): Admission {
    const lane = this.lane(numberId);
    const pairKey = `${numberId}\u0000${recipient}`;
    const wait = Math.max(
      this.waitFor(lane.marks[lane.next]!, 1_000, now),
      this.waitFor(this.pairs.get(pairKey), this.options.pairIntervalMs, now),
    );
    if (wait > 0) return { ok: false, waitMs: wait };
    const index = lane.next;
    lane.marks[index] = { inFlight: this.byAnswer, at: now };
    lane.next = (index + 1) % lane.marks.length;
    this.pairs.set(pairKey, { inFlight: this.byAnswer, at: now });
    return { ok: true, ticket: { numberId, pairKey, index } };
  }

  /** The provider answered (or the call ended without an answer): the message's arrival is behind us. */
  release(ticket: GateTicket, now: number): void {
    if (!this.byAnswer) return;
    const lane = this.lanes.get(ticket.numberId);
    if (lane) lane.marks[ticket.index] = { inFlight: false, at: now };
    this.pairs.set(ticket.pairKey, { inFlight: false, at: now });
    if (this.pairs.size > 16_384) this.forgetQuietPairs(now);
  }

  private waitFor(mark: Mark | undefined, gapMs: number, now: number): number {
    if (!mark) return 0;
    if (mark.inFlight) return POLL_MS;
    return Math.max(0, mark.at + gapMs + this.margin - now);
  }

  private lane(numberId: string) {
    let lane = this.lanes.get(numberId);
    if (!lane) {
      const marks = Array.from({ length: this.limitOf(numberId) }, () => ({ inFlight: false, at: -Infinity }));
      lane = { marks, next: 0 };
      this.lanes.set(numberId, lane);
    }
    return lane;
  }

  private forgetQuietPairs(now: number): void {
    const quiet = now - this.options.pairIntervalMs - this.margin;
    for (const [key, mark] of this.pairs) if (!mark.inFlight && mark.at < quiet) this.pairs.delete(key);
  }
}

/**
 * The two sending limits of the Cloud API (reference/whatsapp.md §3):
 * - Throughput per phone number: 80 msg/s by default [M-thru]; inbound and outbound both count [M-thru].
 *   Modelled as a rolling 1-second window; over it → 130429.
 * - Pair rate limit per (business number, user): Meta confirms it exists [M-thru], but the figures are
 *   partners' [U]: about 1 message per 6 s, bursts up to 45 borrowed from later quota. Modelled as a token
 *   bucket (capacity = burst, one token back per refill interval); empty → 131056.
 * [M] Only messages Meta accepts consume quota: a request rejected for another reason does not count.
 */

export interface PairRateConfig {
  /** Messages that may be sent at once to one user (bucket capacity). [U] 45 */
  burst: number;
  /** One message of quota comes back every this many ms. [U] 6000 */
  refillMs: number;
}

export const DEFAULT_PAIR_RATE: PairRateConfig = { burst: 45, refillMs: 6_000 };

const WINDOW_MS = 1_000;

export class ThroughputWindows {
  private readonly hits = new Map<string, number[]>();

  /** How many messages the number has used in the second ending at `now` (≥ its limit → 130429). */
  used(phoneNumberId: string, now: number): number {
    const list = this.hits.get(phoneNumberId) ?? [];
    const fresh = list.filter((t) => t > now - WINDOW_MS && t <= now);
    this.hits.set(phoneNumberId, fresh);
    return fresh.length;
  }

  /** Counts one message (outbound accepted, or inbound) against the number's second. */
  record(phoneNumberId: string, now: number): void {
    const list = this.hits.get(phoneNumberId) ?? [];
    list.push(now);
    this.hits.set(phoneNumberId, list);
  }
}

export class PairBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly config: () => PairRateConfig) {}

  /** Takes one message of the pair's quota; false means 131056. */
  tryTake(phoneNumberId: string, waId: string, now: number): boolean {
    const { burst, refillMs } = this.config();
    const key = `${phoneNumberId}:${waId}`;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    // A clock set backwards must not mint tokens: refill only for time that moved forward.
    const elapsed = Math.max(0, now - bucket.at);
    const tokens = Math.min(burst, bucket.tokens + elapsed / refillMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: Math.max(now, bucket.at) });
      return false;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: Math.max(now, bucket.at) });
    return true;
  }
}

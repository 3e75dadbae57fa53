import { describe, expect, it } from 'vitest';
import { type Clock, dispatchCampaignSends } from '../../../src/messaging/campaigns/dispatch.ts';
import type { CampaignSendAction } from '../../../src/messaging/campaigns/engine.ts';
import { DEFAULT_PACER, SendPacer } from '../../../src/messaging/campaigns/pacer.ts';
import type { SendOutcome } from '../../../src/messaging/sendMessage.ts';
import { classifyProviderError } from '../../../src/whatsapp/classifyProviderError.ts';

const T0 = 1_000_000;

/** The most messages any window of `windowMs` (half-open, like Meta's rolling second) contains. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('send pacer: throughput per number and pair rate per recipient', () => {
  it('slots for distinct recipients: never more than 80 in any second, about 79 a second', () => {
    const pacer = new SendPacer();
    const times = Array.from({ length: 1_000 }, (_, i) => pacer.reserve('n1', `+3460000${i}`, T0));
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(80);
    const perSecond = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1_000);
    expect(perSecond).toBeCloseTo(80_000 / 1_010, 1);
  });

  it.each([
    [80, 12.625],
    [1_000, 1.01],
    [20, 50.5],
  ])('a number allowed %s msg/s gets slots %s ms apart', (rate, spacing) => {
    const pacer = new SendPacer({ ...DEFAULT_PACER, throughputPerSecond: rate });
    const [a, b] = [pacer.reserve('n', 'x', T0), pacer.reserve('n', 'y', T0)];
    expect(b - a).toBeCloseTo(spacing, 6);
  });

  it('one recipient gets one slot per pair interval, while others fill the slots in between', () => {
    const pacer = new SendPacer();
    const same = [pacer.reserve('n1', 'ada', T0), pacer.reserve('n1', 'ada', T0), pacer.reserve('n1', 'ada', T0)];
    const others = Array.from({ length: 5 }, (_, i) => pacer.reserve('n1', `other${i}`, T0));
    // Each at least 6 s + guard after the previous one, on the next slot of the number's grid.
    const gaps = same.slice(1).map((t, i) => t - same[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(6_010);
    for (const gap of gaps) expect(gap).toBeLessThan(6_010 + 12.625);
    expect(others.map((t) => Math.round(t - T0))).toEqual([13, 25, 38, 51, 63]); // not held behind Ada
  });

  it('numbers are paced independently', () => {
    const pacer = new SendPacer();
    expect([pacer.reserve('n1', 'a', T0), pacer.reserve('n2', 'a', T0)]).toEqual([T0, T0]);
  });

  it('a penalty pushes the next slot of the number (130429) or of the pair (131056)', () => {
    const pacer = new SendPacer();
    pacer.reserve('n1', 'ada', T0);
    pacer.penalize('recipient', 'n1', 'bo', T0 + 4_000);
    expect(pacer.reserve('n1', 'bo', T0)).toBeGreaterThanOrEqual(T0 + 4_000);
    pacer.penalize('number', 'n1', 'ignored', T0 + 9_000);
    expect(pacer.reserve('n1', 'cy', T0 + 100)).toBeGreaterThanOrEqual(T0 + 9_000);
  });

  it('per-number throughput comes from the number settings', () => {
    const pacer = new SendPacer(DEFAULT_PACER, (id) => (id === 'fast' ? 1_000 : 80));
    pacer.reserve('fast', 'a', T0);
    expect(pacer.reserve('fast', 'b', T0) - T0).toBeCloseTo(1.01, 6);
  });
});

describe('dispatching campaign sends through the pacer', () => {
  const action = (i: number, phone = `+3460000${i}`): CampaignSendAction => ({
    portalId: 1,
    campaignId: 1,
    enrollmentId: i,
    contactId: String(i),
    phone,
    contact: { mobilephone: phone },
    stepId: 's',
    template: 't',
    idempotencyKey: `k${i}`,
  });

  /** A clock whose sleeps advance virtual time. */
  function virtualClock(): Clock & { t: number } {
    const clock = {
      t: T0,
      now: () => clock.t,
      sleep: async (ms: number) => {
        clock.t = Math.max(clock.t, clock.t + ms);
      },
    };
    return clock;
  }

  it('a pair-rate answer is retried after the pacer moved the pair back, and counted', async () => {
    const clock = virtualClock();
    const answers: SendOutcome[] = [
      {
        outcome: 'failed',
        failure: classifyProviderError({ code: 131056, attempt: 1 }),
        message: {} as never,
        effects: [],
      },
      { outcome: 'sent', message: {} as never, effects: [] },
    ];
    const attempts: number[] = [];
    const report = await dispatchCampaignSends([action(1)], {
      pacer: new SendPacer(),
      clock,
      numberFor: () => 'n1',
      send: async (_a, _from, attempt) => {
        attempts.push(attempt);
        return answers.shift()!;
      },
    });
    expect(report).toMatchObject({ sent: 1, failed: 0, throttled: { number: 0, recipient: 1 } });
    expect(attempts).toEqual([1, 2]);
    expect(clock.t - T0).toBeGreaterThanOrEqual(4_000);
  });

  it('refusals and final failures are counted, not retried', async () => {
    const outcomes: SendOutcome[] = [
      { outcome: 'refused', reasons: [{ code: 'opted_out', message: 'x' }] },
      { outcome: 'failed', failure: classifyProviderError({ code: 131026 }), message: {} as never, effects: [] },
      { outcome: 'duplicate', message: {} as never },
    ];
    const report = await dispatchCampaignSends([action(1), action(2), action(3, '')], {
      pacer: new SendPacer(),
      clock: virtualClock(),
      numberFor: () => 'n1',
      send: async () => outcomes.shift()!,
    });
    expect(report).toEqual({
      sent: 0,
      refused: 1,
      failed: 1,
      duplicates: 1,
      throttled: { number: 0, recipient: 0 },
      failures: { '131026 undeliverable': 1 },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { createBusyPortalWait } from '../../src/sessions/busyPortalWait.ts';

const waitWith = (ahead: number) =>
  createBusyPortalWait({ store: { pendingAhead: () => ahead }, batchSize: 100, random: () => 0.5 });

describe('how long a job waits for a busy portal', () => {
  it('grows with the runs ahead of its session: one run per 100 pending sessions, plus its own', () => {
    expect(waitWith(0).delay(7, 1)).toBe(2_000); // unknown run time: 2 s per run
    expect(waitWith(99).delay(7, 1)).toBe(2_000);
    expect(waitWith(250).delay(7, 1)).toBe(6_000);
    expect(waitWith(100_000).delay(7, 1)).toBe(60_000); // capped
  });

  it('learns a full run’s time from this process’s runs; a small run does not lower it', () => {
    const wait = waitWith(0);
    wait.recordRun(7, 3_000, 100);
    expect(wait.delay(7, 1)).toBe(3_000);
    wait.recordRun(7, 400, 2);
    expect(wait.delay(7, 1)).toBe(3_000);
    wait.recordRun(7, 1_000, 80);
    expect(wait.delay(7, 1)).toBe(1_000);
    expect(wait.delay(8, 1)).toBe(2_000); // another portal keeps its own estimate
  });

  it('is jittered by ±25 %, so waiting jobs do not all come back at once', () => {
    const low = createBusyPortalWait({ store: { pendingAhead: () => 0 }, batchSize: 100, random: () => 0 });
    const high = createBusyPortalWait({ store: { pendingAhead: () => 0 }, batchSize: 100, random: () => 0.999 });
    expect(low.delay(7, 1)).toBe(1_500);
    expect(high.delay(7, 1)).toBe(2_499);
  });
});

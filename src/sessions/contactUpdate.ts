import type { Sentiment } from '@switchboard/contract';
import { clip, SESSION_PROPS } from './properties.ts';
import type { RecordSession } from './sessionRecordsRepo.ts';

/**
 * A contact's Switchboard properties, derived from every session linked to the contact (not from the session
 * being synced): syncing sessions in any order, or again, gives the same values, and an older session synced late
 * never moves "last conversation" backwards.
 */
const WINDOW_MS = 90 * 24 * 3_600_000;
const POINTS_PER_SESSION = 15;
const SENTIMENT_WEIGHT: Record<Sentiment, number> = { positive: 1.5, mixed: 1, neutral: 1, negative: 0.5 };

/**
 * 0–100: 15 points per conversation in the 90 days up to the latest one, weighted by sentiment [M].
 * Anchored to the latest conversation rather than "now", so the value does not drift between re-runs.
 */
export function engagementScore(history: readonly { startMs: number; sentiment: Sentiment }[]): number {
  if (history.length === 0) return 0;
  const latest = Math.max(...history.map((h) => h.startMs));
  const points = history
    .filter((h) => h.startMs > latest - WINDOW_MS)
    .reduce((sum, h) => sum + POINTS_PER_SESSION * SENTIMENT_WEIGHT[h.sentiment], 0);
  return Math.min(100, Math.round(points));
}

/** The properties to write on one contact, from its sessions (newest first, as sessionsOf returns them). */
export function contactProperties(history: readonly RecordSession[], withScore: boolean): Record<string, string> {
  const latest = [...history].sort(
    (a, b) => b.startMs - a.startMs || (a.session.sessionId < b.session.sessionId ? 1 : -1),
  )[0];
  if (!latest) return {};
  const props: Record<string, string> = {
    [SESSION_PROPS.lastMeetingDate]: new Date(latest.startMs).toISOString(),
    [SESSION_PROPS.recentSummary]: clip(latest.session.summary.brief, 2_000),
  };
  if (withScore) {
    const scored = history.map((h) => ({ startMs: h.startMs, sentiment: h.session.summary.sentiment }));
    props[SESSION_PROPS.engagementScore] = String(engagementScore(scored));
  }
  return props;
}

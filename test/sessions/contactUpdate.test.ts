import { describe, expect, it } from 'vitest';
import { contactProperties, engagementScore } from '../../src/sessions/contactUpdate.ts';
import type { RecordSession } from '../../src/sessions/sessionRecordsRepo.ts';
import { session } from './support/factories.ts';

const DAY = 86_400_000;
const T = Date.UTC(2026, 2, 1);

describe('engagement score', () => {
  it.each([
    [[], 0],
    [[{ startMs: T, sentiment: 'neutral' }], 15],
    [[{ startMs: T, sentiment: 'positive' }], 23],
    [[{ startMs: T, sentiment: 'negative' }], 8],
    [
      [
        { startMs: T, sentiment: 'neutral' },
        { startMs: T - 89 * DAY, sentiment: 'neutral' },
      ],
      30,
    ],
    [
      [
        { startMs: T, sentiment: 'neutral' },
        { startMs: T - 91 * DAY, sentiment: 'neutral' },
      ],
      15,
    ],
    [Array.from({ length: 10 }, (_, i) => ({ startMs: T - i * DAY, sentiment: 'positive' as const })), 100],
  ] as const)('%j scores %i', (history, score) => {
    expect(engagementScore(history)).toBe(score);
  });
});

describe('contact properties from a contact’s sessions', () => {
  const at = (sessionId: string, day: string, brief: string): RecordSession => {
    const s = session({ sessionId, startTime: `${day}T09:00:00Z`, summary: { ...session().summary, brief } });
    return { objectId: '1', session: s, startMs: Date.parse(s.startTime) };
  };

  it('the latest conversation wins, whatever order the sessions were synced in', () => {
    const older = at('a', '2026-02-01', 'Older talk');
    const newer = at('b', '2026-02-20', 'Newer talk');
    const expected = {
      switchboard_last_meeting_date: '2026-02-20T09:00:00.000Z',
      switchboard_recent_conversation: 'Newer talk',
      switchboard_engagement_score: '45',
    };
    expect(contactProperties([older, newer], true)).toEqual(expected);
    expect(contactProperties([newer, older], true)).toEqual(expected);
  });

  it('without the engagement score option, no score is written', () => {
    expect(contactProperties([at('a', '2026-02-01', 'Talk')], false)).not.toHaveProperty(
      'switchboard_engagement_score',
    );
  });
});

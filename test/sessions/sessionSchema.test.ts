import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.ts';
import { parseSession } from '../../src/sessions/sessionSchema.ts';
import { sessionInput } from './support/factories.ts';
import { sessionsDb } from './support/sessionWorld.ts';
import { createSessionStore } from '../../src/sessions/sessionStore.ts';

/** The message and field list of a rejected session. */
function rejection(input: unknown): { message: string; fields: string[] } {
  try {
    parseSession(input);
  } catch (err) {
    if (!isAppError(err) || err.code !== 'validation') throw err;
    const problems = (err.details as { problems: { field: string }[] }).problems;
    return { message: err.message, fields: problems.map((p) => p.field) };
  }
  throw new Error('expected the session to be rejected');
}

const base = sessionInput() as { participants: object[]; summary: Record<string, unknown> };

describe('a malformed session is refused with errors that name the field', () => {
  it.each([
    [
      'a bad participant email',
      { participants: [{ name: 'A' }, { email: 'not-an-email' }] },
      'participants.1.email: invalid email',
    ],
    [
      'a participant with nothing to match',
      { participants: [{ company: 'Acme' }] },
      'participants.0: a participant needs a name, an email or a phone',
    ],
    ['no participants', { participants: [] }, 'participants: at least one participant'],
    [
      'a start time without a zone',
      { startTime: '2026-03-02 14:00' },
      'startTime: must be an ISO 8601 date-time with a time zone',
    ],
    ['a fractional duration', { durationSeconds: 12.5 }, 'durationSeconds: must be a whole number of seconds'],
    ['an unknown sentiment', { summary: { ...base.summary, sentiment: 'ecstatic' } }, 'summary.sentiment:'],
    [
      'a bad due date',
      { summary: { ...base.summary, actionItems: [{ title: 'x', dueDate: 'next week' }] } },
      'summary.actionItems.0.dueDate: must be a date (YYYY-MM-DD) or an ISO 8601 date-time',
    ],
    [
      'a bad assignee',
      { summary: { ...base.summary, actionItems: [{ title: 'x', assigneeEmail: 'bob' }] } },
      'summary.actionItems.0.assigneeEmail: invalid email',
    ],
    [
      'an empty deal recommendation',
      { summary: { ...base.summary, recommendedDealUpdate: {} } },
      'summary.recommendedDealUpdate: give a stage or a nextStep',
    ],
    ['a session id with spaces', { sessionId: 'a b' }, 'sessionId: letters, digits, _ . : - only (1–200)'],
  ])('%s', (_what, override, expected) => {
    expect(rejection(sessionInput(override)).message).toContain(expected);
  });

  it('every problem is reported at once, not only the first', () => {
    const { fields } = rejection(sessionInput({ title: '', durationSeconds: -1, participants: [{ email: 'x' }] }));
    expect(fields).toEqual(['title', 'durationSeconds', 'participants.0.email']);
  });

  it('a body that is not a session at all names the missing fields', () => {
    expect(rejection('hello').message).toBe('(body): Invalid input: expected object, received string');
    expect(rejection({}).fields).toEqual([
      'sessionId',
      'title',
      'startTime',
      'durationSeconds',
      'participants',
      'summary',
    ]);
  });

  it('nothing is stored for a rejected session: parsing comes first', () => {
    const store = createSessionStore(sessionsDb());
    expect(() => store.ingest(1, parseSession(sessionInput({ participants: [] })), 0)).toThrow(/participants/);
    expect(store.get(1, 'sess-1')).toBeUndefined();
  });

  it('a valid session is normalized: emails lower-cased and trimmed, defaults filled', () => {
    const s = parseSession(sessionInput({ participants: [{ email: ' Ann@ACME.example ' }] }));
    expect(s.participants).toEqual([{ email: 'ann@acme.example' }]);
    expect(s.summary.actionItems[1]).toEqual({ title: 'Share the security whitepaper', priority: 'LOW' });
  });
});

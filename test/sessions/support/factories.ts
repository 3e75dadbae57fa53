import type { Session } from '../../../src/sessions/sessionSchema.ts';
import { parseSession } from '../../../src/sessions/sessionSchema.ts';

type Input = Record<string, unknown>;

/** A posted session (raw JSON as the platform sends it) with overrides. */
export function sessionInput(overrides: Input = {}): Input {
  return {
    sessionId: 'sess-1',
    title: 'Discovery call with Acme',
    startTime: '2026-03-02T14:00:00+01:00',
    durationSeconds: 1800,
    participants: [{ name: 'Ann Lee', email: 'ann.lee@acme.example', phone: '+49 151 2345678', company: 'Acme GmbH' }],
    summary: {
      brief: 'Acme wants to roll out to 40 seats in Q2.',
      keyPoints: ['Budget approved', 'Security review pending'],
      actionItems: [
        {
          title: 'Send pricing for 40 seats',
          description: 'Include the annual discount.',
          priority: 'HIGH',
          dueDate: '2026-03-05',
          assigneeEmail: 'rep@switchboard.example',
        },
        { title: 'Share the security whitepaper', priority: 'LOW' },
      ],
      nextSteps: ['Book the security review', 'Draft the order form'],
      sentiment: 'positive',
      insights: ['Champion is the CTO'],
    },
    ...overrides,
  };
}

/** The same, parsed. */
export const session = (overrides: Input = {}): Session => parseSession(sessionInput(overrides));

/** A participant at a company domain (n makes it unique). */
export const person = (n: number, domain = 'acme.example') => ({
  name: `Person ${n} Tester`,
  email: `person${n}@${domain}`,
});

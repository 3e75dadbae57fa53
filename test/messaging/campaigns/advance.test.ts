import { describe, expect, it } from 'vitest';
import {
  type AdvanceFacts,
  advanceEnrollment,
  type EnrollmentState,
} from '../../../src/messaging/campaigns/advance.ts';
import { type CampaignDefinitionInput, parseCampaignDefinition } from '../../../src/messaging/campaigns/definition.ts';
import type { Properties } from '../../../src/mapping/templateVariables.ts';
import { MADRID_HOURS, NURTURE_DRIP, PAYMENT_REMINDER } from './flows.ts';

const MONDAY_10_MADRID = Date.parse('2026-03-02T09:00:00Z');

interface Script {
  /** Contact properties from a given moment on. */
  properties?: (now: number) => Properties;
  repliedAt?: number;
  optOut?: AdvanceFacts['optOut'];
}

/**
 * Runs an enrollment the way the engine does: advance, then come back at nextRunAt, until it finishes
 * or 60 days pass. Returns each send as [ISO time, template] and the final state.
 */
function simulate(input: CampaignDefinitionInput, script: Script = {}, start = MONDAY_10_MADRID) {
  const definition = parseCampaignDefinition(input);
  let state: EnrollmentState = {
    status: 'active',
    stepId: null,
    waitUntil: null,
    nextRunAt: start,
    stopReason: null,
    enrolledAt: start,
  };
  const sends: [string, string][] = [];
  for (let i = 0; i < 100 && state.status === 'active' && state.nextRunAt !== null; i++) {
    const now = state.nextRunAt;
    if (now > start + 60 * 86_400_000) break;
    const facts: AdvanceFacts = {
      now,
      properties: script.properties?.(now) ?? {},
      replied: script.repliedAt !== undefined && now >= script.repliedAt,
      optOut: script.optOut ?? null,
      hours: MADRID_HOURS,
    };
    const result = advanceEnrollment(definition, state, facts);
    for (const s of result.sends) sends.push([new Date(now).toISOString(), s.template]);
    state = result.state;
  }
  return { sends, state };
}

const DAY = 86_400_000;

describe('campaign steps as a state machine (injected clock)', () => {
  it('nurture drip: sends in order with its waits, and the Saturday offer waits for Monday 09:00', () => {
    const { sends, state } = simulate(NURTURE_DRIP, { properties: () => ({ hs_analytics_num_page_views: '8' }) });
    expect(sends).toEqual([
      ['2026-03-02T09:00:00.000Z', 'welcome'], // Monday 10:00 Madrid
      ['2026-03-04T09:00:00.000Z', 'product_tips'], // Wednesday
      ['2026-03-09T08:00:00.000Z', 'spring_offer'], // due Saturday 10:00 → Monday 09:00
    ]);
    expect(state).toMatchObject({ status: 'completed', stopReason: 'finished', nextRunAt: null });
  });

  it('nurture drip: an unengaged contact takes the other branch and gets no offer', () => {
    const { sends, state } = simulate(NURTURE_DRIP, { properties: () => ({ hs_analytics_num_page_views: '2' }) });
    expect(sends.map(([, t]) => t)).toEqual(['welcome', 'product_tips']);
    expect(state.status).toBe('completed');
  });

  it.each<[string, Script, string[], string, string]>([
    ['a reply after the welcome stops it', { repliedAt: MONDAY_10_MADRID + DAY }, ['welcome'], 'stopped', 'replied'],
    [
      'an opt-out stops it before anything is sent',
      { optOut: { scope: 'marketing', at: 0, source: 'keyword' } },
      [],
      'stopped',
      'opted_out',
    ],
    [
      'reaching the goal completes it',
      { properties: (now) => (now > MONDAY_10_MADRID + 3 * DAY ? { lifecyclestage: 'customer' } : {}) },
      ['welcome', 'product_tips'],
      'completed',
      'goal_reached',
    ],
  ])('nurture drip: %s', (_case, script, templates, status, reason) => {
    const { sends, state } = simulate(NURTURE_DRIP, script);
    expect(sends.map(([, t]) => t)).toEqual(templates);
    expect([state.status, state.stopReason]).toEqual([status, reason]);
  });

  it('payment reminder: 3 days before the due date at 10:00 local, then on the due date', () => {
    const { sends, state } = simulate(PAYMENT_REMINDER, { properties: () => ({ payment_due_date: '2026-03-20' }) });
    expect(sends).toEqual([
      ['2026-03-17T09:00:00.000Z', 'payment_reminder'],
      ['2026-03-20T09:00:00.000Z', 'payment_reminder'],
    ]);
    expect(state.status).toBe('completed');
  });

  it('payment reminder: "3 days before" on a Sunday waits for Monday 09:00; both after summer time starts (UTC+2)', () => {
    const { sends } = simulate(PAYMENT_REMINDER, { properties: () => ({ payment_due_date: '2026-04-01' }) });
    expect(sends.map(([at]) => at)).toEqual(['2026-03-30T07:00:00.000Z', '2026-04-01T08:00:00.000Z']);
  });

  it.each<[string, Script, string[], string]>([
    [
      'paid after the first reminder: goal reached, no second one',
      {
        properties: (now) => ({
          payment_due_date: '2026-03-20',
          ...(now > Date.parse('2026-03-18') ? { payment_status: 'paid' } : {}),
        }),
      },
      ['2026-03-17T09:00:00.000Z'],
      'goal_reached',
    ],
    [
      'the contact answered: the branch ends it (replies do not stop utility flows)',
      { properties: () => ({ payment_due_date: '2026-03-20' }), repliedAt: Date.parse('2026-03-18T12:00:00Z') },
      ['2026-03-17T09:00:00.000Z'],
      'finished',
    ],
    [
      'a marketing opt-out does not stop a utility reminder',
      {
        properties: () => ({ payment_due_date: '2026-03-20' }),
        optOut: { scope: 'marketing', at: 0, source: 'whatsapp:131050' },
      },
      ['2026-03-17T09:00:00.000Z', '2026-03-20T09:00:00.000Z'],
      'finished',
    ],
    [
      'the due date moved a week later: the waits follow it',
      { properties: (now) => ({ payment_due_date: now < Date.parse('2026-03-10') ? '2026-03-20' : '2026-03-27' }) },
      ['2026-03-24T09:00:00.000Z', '2026-03-27T09:00:00.000Z'],
      'finished',
    ],
    ['no due date: stopped, saying which property', { properties: () => ({}) }, [], 'no_date:payment_due_date'],
  ])('payment reminder: %s', (_case, script, times, reason) => {
    const { sends, state } = simulate(PAYMENT_REMINDER, script);
    expect(sends.map(([at]) => at)).toEqual(times);
    expect(state.stopReason).toBe(reason);
  });

  it('enrolled after "3 days before" already passed: the reminder goes at the next opening', () => {
    const late = Date.parse('2026-03-18T19:00:00Z'); // Wednesday 20:00 Madrid, due Friday
    const { sends } = simulate(PAYMENT_REMINDER, { properties: () => ({ payment_due_date: '2026-03-20' }) }, late);
    expect(sends).toEqual([
      ['2026-03-19T08:00:00.000Z', 'payment_reminder'],
      ['2026-03-20T09:00:00.000Z', 'payment_reminder'],
    ]);
  });

  it('a loop back without a wait stops instead of sending forever', () => {
    const looping = {
      steps: [
        { id: 'a', type: 'send_template', template: 't' },
        { id: 'b', type: 'branch', condition: { kind: 'exists', property: 'x' }, whenTrue: 'a', whenFalse: 'end' },
      ],
    } as CampaignDefinitionInput;
    const { sends, state } = simulate(looping, { properties: () => ({ x: '1' }) });
    expect(sends).toHaveLength(1);
    expect(state.stopReason).toBe('loop_without_wait');
  });

  it.each([
    [
      'two steps with one id',
      {
        steps: [
          { id: 'a', type: 'wait', days: 1 },
          { id: 'a', type: 'wait', days: 1 },
        ],
      },
      /step id a is used twice/,
    ],
    ['a jump to a step that does not exist', { steps: [{ id: 'a', type: 'wait', days: 1, next: 'zz' }] }, /no step zz/],
    ['no steps', { steps: [] }, /steps/],
    ['a wait of 0 days', { steps: [{ id: 'a', type: 'wait', days: 0 }] }, /steps.0.days/],
  ])('a definition with %s is refused', (_case, input, message) => {
    expect(() => parseCampaignDefinition(input)).toThrow(message);
  });
});

import { type Properties, parseHubspotDate } from '../../mapping/templateVariables.ts';
import type { OptOut } from '../contactStateRepo.ts';
import type { BusinessHours } from '../whatsappSettings.ts';
import { isOpen, nextOpening } from './businessHours.ts';
import { conditionHolds } from './conditions.ts';
import { type CampaignDefinition, followingStep, type Step } from './definition.ts';
import { addLocalDays, localTime, zonedInstant } from './zonedTime.ts';

/**
 * The campaign state machine (issue 7 §8). Pure: given the definition, an enrollment's state and today's
 * facts, it runs steps until one must wait (a wait step, or a send outside business hours) and returns the
 * new state and the sends that are due now. Stop checks come first on every advance: an opt-out, a reply
 * (when the campaign stops on reply) or the goal ends the enrollment before anything else is sent.
 */

export interface EnrollmentState {
  status: 'active' | 'completed' | 'stopped';
  /** The step to run next (null: the first). */
  stepId: string | null;
  /** When the current wait ends. */
  waitUntil: number | null;
  /** When the engine should look again (null once finished). */
  nextRunAt: number | null;
  stopReason: string | null;
  enrolledAt: number;
}

export interface AdvanceFacts {
  now: number;
  properties: Properties;
  replied: boolean;
  optOut: OptOut | null;
  hours: BusinessHours;
}

export interface DueSend {
  stepId: string;
  template: string;
  language?: string;
  overrides?: Record<number, string>;
}

export interface Advanced {
  state: EnrollmentState;
  sends: DueSend[];
}

/** Runs an enrollment forward as far as `facts.now` allows. */
export function advanceEnrollment(
  definition: CampaignDefinition,
  start: EnrollmentState,
  facts: AdvanceFacts,
): Advanced {
  if (start.status !== 'active') return { state: start, sends: [] };
  const stop = stopReason(definition, facts);
  if (stop) return finish(start, stop.status, stop.reason);
  const sends: DueSend[] = [];
  const visited = new Set<string>();
  let state: EnrollmentState = { ...start, stepId: start.stepId ?? definition.steps[0]!.id };
  for (;;) {
    if (state.stepId === 'end') return { ...finish(state, 'completed', 'finished'), sends };
    const step = definition.steps.find((s) => s.id === state.stepId);
    if (!step) return { ...finish(state, 'stopped', `unknown_step:${state.stepId}`), sends };
    // A loop back to a step already run in this advance, with no wait between, would send without end.
    if (visited.has(step.id)) return { ...finish(state, 'stopped', 'loop_without_wait'), sends };
    visited.add(step.id);
    const outcome = runStep(definition, step, state, facts);
    if (outcome.send) sends.push(outcome.send);
    state = outcome.state;
    if (outcome.wait) return { state, sends };
  }
}

function stopReason(definition: CampaignDefinition, facts: AdvanceFacts) {
  const optedOut = facts.optOut && (facts.optOut.scope === 'all' || definition.purpose === 'marketing');
  if (optedOut) return { status: 'stopped' as const, reason: 'opted_out' };
  if (definition.stopOnReply && facts.replied) return { status: 'stopped' as const, reason: 'replied' };
  if (definition.goal && conditionHolds(definition.goal, facts))
    return { status: 'completed' as const, reason: 'goal_reached' };
  return undefined;
}

function finish(state: EnrollmentState, status: 'completed' | 'stopped', reason: string): Advanced {
  return { state: { ...state, status, stopReason: reason, waitUntil: null, nextRunAt: null }, sends: [] };
}

interface StepOutcome {
  state: EnrollmentState;
  send?: DueSend;
  /** True: stop here until `state.nextRunAt`. */
  wait: boolean;
}

function runStep(definition: CampaignDefinition, step: Step, state: EnrollmentState, facts: AdvanceFacts): StepOutcome {
  const { now } = facts;
  const moveOn = (to: string): StepOutcome => ({
    state: { ...state, stepId: to, waitUntil: null, nextRunAt: now },
    wait: false,
  });
  const waitTill = (until: number): StepOutcome => ({
    state: { ...state, waitUntil: until, nextRunAt: until },
    wait: true,
  });
  switch (step.type) {
    case 'send_template': {
      if (!isOpen(now, facts.hours))
        return { state: { ...state, nextRunAt: nextOpening(now, facts.hours) }, wait: true };
      const send: DueSend = {
        stepId: step.id,
        template: step.template,
        ...(step.language ? { language: step.language } : {}),
        ...(step.overrides ? { overrides: numbered(step.overrides) } : {}),
      };
      return { ...moveOn(followingStep(definition, step)), send };
    }
    case 'wait': {
      const until = state.waitUntil ?? addLocalDays(now, step.days, facts.hours.timeZone);
      return now >= until ? moveOn(followingStep(definition, step)) : waitTill(until);
    }
    case 'wait_until': {
      const until = dateWaitEnd(step, facts);
      if (until === undefined) return { state: finish(state, 'stopped', `no_date:${step.property}`).state, wait: true };
      return now >= until ? moveOn(followingStep(definition, step)) : waitTill(until);
    }
    case 'branch':
      return moveOn(conditionHolds(step.condition, facts) ? step.whenTrue : step.whenFalse);
  }
}

/** The local day of the property's date, minus `daysBefore`, at `at` local time. */
function dateWaitEnd(step: Extract<Step, { type: 'wait_until' }>, facts: AdvanceFacts): number | undefined {
  const raw = facts.properties[step.property];
  const date = raw ? parseHubspotDate(raw) : undefined;
  if (!date) return undefined;
  const { timeZone } = facts.hours;
  // A date-only value names a calendar day, not an instant: read it as that day wherever the portal is.
  const day = date.dateOnly
    ? { year: date.at.getUTCFullYear(), month: date.at.getUTCMonth() + 1, day: date.at.getUTCDate() }
    : localTime(date.at.getTime(), timeZone);
  const [hour, minute] = step.at.split(':').map(Number) as [number, number];
  return zonedInstant({ year: day.year, month: day.month, day: day.day - step.daysBefore, hour, minute }, timeZone);
}

const numbered = (overrides: Record<string, string>): Record<number, string> =>
  Object.fromEntries(Object.entries(overrides).map(([k, v]) => [Number(k), v]));

import type { SendOutcome } from '../sendMessage.ts';
import type { CampaignSendAction } from './engine.ts';
import type { SendPacer } from './pacer.ts';

/**
 * Sends a tick's campaign actions through the pacer, in-process (the benchmark, tests, and phase 2's job
 * handler for a batch of actions). `send` should use a provider wrapped by withSendGate
 * (src/whatsapp/pacedProvider.ts), so real request and answer times are checked too. Each action waits for
 * its slot, sends, and on a throttle answer (130429 / 131056, classified `retry` with a scope) moves its
 * number or pair back and tries again with the next attempt number, until the classifier gives up.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface DispatchDeps {
  pacer: SendPacer;
  clock: Clock;
  /** The business number an action goes from (pacing is per number). */
  numberFor(action: CampaignSendAction): string;
  send(action: CampaignSendAction, from: string, attempt: number): Promise<SendOutcome>;
}

export interface DispatchReport {
  sent: number;
  refused: number;
  failed: number;
  duplicates: number;
  /** Throttle answers received (each was retried or, after the last attempt, failed). */
  throttled: { number: number; recipient: number };
  /** Final failures by `<code> <reason>`, e.g. `131026 undeliverable`. */
  failures: Record<string, number>;
}

export async function dispatchCampaignSends(
  actions: CampaignSendAction[],
  deps: DispatchDeps,
): Promise<DispatchReport> {
  const report: DispatchReport = {
    sent: 0,
    refused: 0,
    failed: 0,
    duplicates: 0,
    throttled: { number: 0, recipient: 0 },
    failures: {},
  };
  await Promise.all(actions.map((action) => dispatchOne(action, deps, report)));
  return report;
}

async function dispatchOne(action: CampaignSendAction, deps: DispatchDeps, report: DispatchReport): Promise<void> {
  const from = deps.numberFor(action);
  for (let attempt = 1; ; attempt++) {
    const outcome = await sendInSlot(action, from, attempt, deps);
    if (outcome.outcome !== 'failed') {
      report[outcome.outcome === 'sent' ? 'sent' : outcome.outcome === 'refused' ? 'refused' : 'duplicates'] += 1;
      return;
    }
    const { failure } = outcome;
    const throttle = failure.reason === 'throttled' && (failure.scope === 'number' || failure.scope === 'recipient');
    if (throttle) report.throttled[failure.scope === 'number' ? 'number' : 'recipient'] += 1;
    if (failure.action !== 'retry') {
      report.failed += 1;
      const key = `${failure.code} ${failure.reason}`;
      report.failures[key] = (report.failures[key] ?? 0) + 1;
      return;
    }
    if (throttle && action.phone) {
      const scope = failure.scope === 'number' ? 'number' : 'recipient';
      deps.pacer.penalize(scope, from, action.phone, deps.clock.now() + (failure.retryAfterMs ?? 0));
    } else {
      await deps.clock.sleep(failure.retryAfterMs ?? 0);
    }
  }
}

/** Waits for the action's planned slot, then sends (the provider's send gate has the last word). */
async function sendInSlot(
  action: CampaignSendAction,
  from: string,
  attempt: number,
  deps: DispatchDeps,
): Promise<SendOutcome> {
  // No usable number: eligibility refuses without a provider call, so no slot is needed.
  if (action.phone) {
    const slot = deps.pacer.reserve(from, action.phone, deps.clock.now());
    const wait = slot - deps.clock.now();
    if (wait > 0) await deps.clock.sleep(wait);
  }
  return deps.send(action, from, attempt);
}

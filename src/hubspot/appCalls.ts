import type { AttemptOutcome } from './attempt.ts';
import { classifyHubspotFailure, DEFAULT_RETRY_POLICY, type RetryPolicy, toAppError } from './retryPolicy.ts';

/** Settings shared by the app-level HubSpot calls (OAuth token endpoints, token info). */
export interface AppCallSettings {
  apiBaseUrl: string;
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Failure = Extract<AttemptOutcome<unknown>, { ok: false }>['failure'];

/**
 * Retries an app-level call (no portal yet, so no rate budget and no token refresh) with the same classifier
 * as the gateway. `special` turns failures with a meaning of their own (e.g. `invalid_grant`) into their
 * own error, thrown as is, before the generic classification.
 */
export async function withAppRetries<T>(
  send: () => Promise<AttemptOutcome<T>>,
  o: AppCallSettings & { idempotent: boolean; special?: (f: Failure) => Error | undefined },
): Promise<T> {
  const policy = o.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const state = { attempt: 1, waits: 0 };
  for (;;) {
    const outcome = await send();
    if (outcome.ok) return outcome.value;
    const special = o.special?.(outcome.failure);
    if (special) throw special;
    const decision = classifyHubspotFailure(
      { ...outcome.failure, ...state, canRefresh: false, idempotent: o.idempotent },
      policy,
    );
    if (decision.action === 'fail') throw toAppError(decision);
    if (decision.action === 'refresh_then_retry') throw new Error('unreachable: app calls cannot refresh');
    await sleep(decision.delayMs);
    if (decision.consumesAttempt) state.attempt += 1;
    else state.waits += 1;
  }
}

import { type Backoff, META_RULES, type Rule, TRANSIENT } from './metaErrorCodes.ts';
import type { ProviderName } from './provider.ts';

/**
 * The one place that decides retry / fail / pause for a WhatsApp provider error (DESIGN: "one classifier"),
 * and the sentence a rep reads on the card. Pure. Keyed on the error code, never on titles or HTTP status
 * (reference/whatsapp.md §1: "Key on error.code"; titles "will eventually be deprecated").
 */

export type FailureReason =
  | 'outside_window'
  | 'undeliverable'
  | 'template_params'
  | 'template_missing'
  | 'template_paused'
  | 'throttled'
  | 'auth'
  | 'marketing_blocked'
  | 'quality'
  | 'policy_block'
  | 'invalid_request'
  | 'unsupported_type'
  | 'transient'
  | 'network'
  | 'unknown';

/** retry: the same send may succeed later; fail: it will not; pause: stop sending until a person acts. */
export type FailureAction = 'retry' | 'fail' | 'pause';

export interface ProviderFailure {
  provider: ProviderName;
  /** The provider's code as text ('131047'), or 'network' / 'http_<status>' when there was none. */
  code: string;
  reason: FailureReason;
  action: FailureAction;
  /** A sentence for the rep (never contains tokens or the message body). */
  message: string;
  retryAfterMs?: number;
  /** What a throttle or pause applies to: the send gate and the send jobs act on it. */
  scope?: 'recipient' | 'number' | 'account' | 'campaign';
  /** 131050: the user stopped marketing messages (record a marketing opt-out, §3). */
  marketingOptOut?: boolean;
  /** The provider's own explanation (Meta error_data.details), kept for the operator. */
  providerDetails?: string;
}

export interface ProviderErrorInput {
  provider?: ProviderName;
  code?: number | string;
  details?: string;
  httpStatus?: number;
  /** No response: 'not_sent' (connection refused, DNS) or 'unknown' (timeout, reset: it may have been sent). */
  transport?: 'not_sent' | 'unknown';
  /** 1-based attempt that failed; drives backoff and giving up. */
  attempt?: number;
  maxAttempts?: number;
}

const SECOND = 1_000;
const DEFAULT_MAX_ATTEMPTS = 5;

/** Delay before attempt n+1 after attempt n failed. */
function delayFor(backoff: Backoff, attempt: number): number {
  switch (backoff) {
    case 'throughput':
      // The throughput limit is per rolling second (§3 M-thru): a second or two clears it.
      return Math.min(60 * SECOND, SECOND * 2 ** (attempt - 1));
    case 'pair':
      // §3 "retry backoff 4^X s" [U figures via partners].
      return 4 ** attempt * SECOND;
    case 'maintenance':
      return 60 * SECOND; // §1: 131057 "retry after ~60 s" [whats91]
    case 'transient':
      return Math.min(5 * 60 * SECOND, 2 * SECOND * 2 ** (attempt - 1));
  }
}

/** Decides what to do about one provider error. */
export function classifyProviderError(input: ProviderErrorInput): ProviderFailure {
  const provider = input.provider ?? 'meta';
  const attempt = Math.max(1, input.attempt ?? 1);
  if (input.transport) return transportFailure(provider, input.transport, attempt, input.maxAttempts);
  const code = input.code === undefined ? `http_${input.httpStatus ?? 0}` : String(input.code);
  const rule = (provider === 'meta' ? META_RULES[code] : undefined) ?? unknownRule(input.httpStatus);
  const failure: ProviderFailure = {
    provider,
    code,
    reason: rule.reason,
    action: rule.action,
    message: rule.message,
    ...(rule.scope ? { scope: rule.scope } : {}),
    ...(code === '131050' ? { marketingOptOut: true } : {}),
    ...(input.details ? { providerDetails: input.details } : {}),
  };
  if (rule.action !== 'retry' || !rule.backoff) return failure;
  return withRetry(failure, delayFor(rule.backoff, attempt), attempt, input.maxAttempts);
}

function unknownRule(httpStatus: number | undefined): Rule {
  // An unknown code with a 5xx is Meta's side: worth another try. Anything else: fail and show the code.
  if (httpStatus !== undefined && httpStatus >= 500) {
    return { reason: 'transient', action: 'retry', backoff: 'transient', message: TRANSIENT };
  }
  return { reason: 'unknown', action: 'fail', message: 'WhatsApp refused the message with an unexpected error.' };
}

function withRetry(failure: ProviderFailure, delayMs: number, attempt: number, max?: number): ProviderFailure {
  const maxAttempts = max ?? DEFAULT_MAX_ATTEMPTS;
  if (attempt >= maxAttempts) {
    return { ...failure, action: 'fail', message: `${failure.message} Gave up after ${attempt} attempts.` };
  }
  return { ...failure, retryAfterMs: delayMs };
}

function transportFailure(
  provider: ProviderName,
  transport: 'not_sent' | 'unknown',
  attempt: number,
  maxAttempts?: number,
): ProviderFailure {
  if (transport === 'unknown') {
    // A timeout or reset after the request left: Meta may have accepted it. Retrying could send it twice.
    const message = 'No answer from WhatsApp: the message may or may not have been sent, so it was not retried.';
    return { provider, code: 'network', reason: 'network', action: 'fail', message };
  }
  const failure: ProviderFailure = {
    provider,
    code: 'network',
    reason: 'network',
    action: 'retry',
    message: 'WhatsApp could not be reached; the message will be retried.',
  };
  return withRetry(failure, delayFor('transient', attempt), attempt, maxAttempts);
}

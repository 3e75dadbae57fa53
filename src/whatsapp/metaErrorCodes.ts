import type { FailureAction, FailureReason, ProviderFailure } from './classifyProviderError.ts';

/**
 * Meta's error codes as decisions (reference/whatsapp.md §1 "Codes that matter"; titles are Meta's [M-err]):
 * data for the one classifier (classifyProviderError.ts). The sentences are what a rep reads.
 */

export type Backoff = 'throughput' | 'pair' | 'transient' | 'maintenance';
export interface Rule {
  reason: FailureReason;
  action: FailureAction;
  message: string;
  backoff?: Backoff;
  scope?: ProviderFailure['scope'];
}

const TEMPLATE_MISSING = 'The template does not exist in this language, or it is not approved yet.';
export const TRANSIENT = 'WhatsApp had a temporary problem; the message will be retried.';

export const META_RULES: Record<string, Rule> = {
  '0': { reason: 'auth', action: 'pause', scope: 'account', message: reconnect() },
  '190': { reason: 'auth', action: 'pause', scope: 'account', message: reconnect() },
  '4': { reason: 'throttled', action: 'retry', backoff: 'transient', scope: 'account', message: slowDown('app') },
  '80007': {
    reason: 'throttled',
    action: 'retry',
    backoff: 'transient',
    scope: 'account',
    message: slowDown('account'),
  },
  '130429': {
    reason: 'throttled',
    action: 'retry',
    backoff: 'throughput',
    scope: 'number',
    message: slowDown('number'),
  },
  '131056': {
    reason: 'throttled',
    action: 'retry',
    backoff: 'pair',
    scope: 'recipient',
    message: 'Too many messages to this contact in a short time; WhatsApp asked to wait, the message will be retried.',
  },
  '100': { reason: 'invalid_request', action: 'fail', message: 'WhatsApp rejected the request as invalid.' },
  '131047': {
    reason: 'outside_window',
    action: 'fail',
    message: 'More than 24 hours have passed since this contact last wrote: only an approved template can be sent.',
  },
  '131026': {
    reason: 'undeliverable',
    action: 'fail',
    message: 'WhatsApp could not deliver this message: the number may not use WhatsApp, or cannot receive it.',
  },
  '131049': {
    reason: 'marketing_blocked',
    action: 'fail',
    message: 'WhatsApp did not deliver this marketing message (limit of marketing messages per user); try later.',
  },
  '131050': {
    reason: 'marketing_blocked',
    action: 'fail',
    message: 'This contact stopped marketing messages from your business in WhatsApp.',
  },
  '131048': {
    reason: 'quality',
    action: 'pause',
    scope: 'campaign',
    message: 'WhatsApp flagged these messages as spam (quality); the campaign is paused.',
  },
  '131051': { reason: 'unsupported_type', action: 'fail', message: 'WhatsApp does not support this message type.' },
  '131057': {
    reason: 'transient',
    action: 'retry',
    backoff: 'maintenance',
    message: 'The WhatsApp account is in maintenance; the message will be retried in a minute.',
  },
  '132000': {
    reason: 'template_params',
    action: 'fail',
    message: "The template's variables do not match the template (wrong number of values).",
  },
  '132001': { reason: 'template_missing', action: 'fail', message: TEMPLATE_MISSING },
  '132012': {
    reason: 'template_params',
    action: 'fail',
    message: "A template variable has the wrong format (e.g. the header's media type).",
  },
  // [U] titles of 132015/132016 (§1).
  '132015': {
    reason: 'template_paused',
    action: 'fail',
    message: 'WhatsApp paused this template because of low quality.',
  },
  '132016': { reason: 'template_paused', action: 'fail', message: 'WhatsApp disabled this template.' },
  '368': { reason: 'policy_block', action: 'pause', scope: 'account', message: blocked() },
  '131031': { reason: 'policy_block', action: 'pause', scope: 'account', message: blocked() },
  '131000': { reason: 'transient', action: 'retry', backoff: 'transient', message: TRANSIENT },
  '1': { reason: 'transient', action: 'retry', backoff: 'transient', message: TRANSIENT },
  '2': { reason: 'transient', action: 'retry', backoff: 'transient', message: TRANSIENT },
};

function reconnect(): string {
  return 'WhatsApp rejected the access token: an admin must reconnect WhatsApp in the app settings.';
}
function slowDown(what: 'app' | 'account' | 'number'): string {
  return `WhatsApp is limiting how fast this ${what} sends; the message will be retried.`;
}
function blocked(): string {
  return 'WhatsApp blocked the business account (policy); sending is paused until it is resolved in Meta Business Manager.';
}

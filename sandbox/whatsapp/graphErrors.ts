/**
 * Graph API errors as the Cloud API returns them (reference/whatsapp.md §1 "Error shape" and "Codes that
 * matter"; fixtures examples/constructed-send-error-*.json). Products must key on `error.code` plus
 * `error_data.details`; titles live inside `message` and HTTP statuses are not a reliable signal (§1).
 */

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: 'whatsapp'; details: string };
    fbtrace_id: string;
  };
}

export interface GraphErrorReply {
  status: number;
  body: GraphErrorBody;
  headers?: Record<string, string>;
}

/** A send-time or status-time error of the WhatsApp family: title, default details and HTTP status. */
interface CatalogueEntry {
  title: string;
  details: string;
  http: number;
  href?: string;
}

const ERROR_CODES_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

/** Titles are Meta's [M-err] unless marked; HTTP statuses other than 190→401 are [U] (§1). */
export const ERROR_CATALOGUE: Record<number, CatalogueEntry> = {
  100: { title: 'Invalid parameter', details: 'Invalid parameter.', http: 400 },
  130429: { title: 'Rate limit hit', details: 'Cloud API message throughput has been reached.', http: 429 },
  131000: { title: 'Something went wrong', details: 'Message failed to send due to an unknown error.', http: 500 },
  131026: {
    title: 'Receiver is incapable of receiving this message',
    details: 'Message Undeliverable.',
    http: 400,
  },
  131047: {
    title: 'Re-engagement message',
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    http: 400,
    href: ERROR_CODES_HREF,
  },
  131049: {
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
    http: 400,
  },
  // [U] wording via hello-charles; the code itself is Meta's (reference §3 opt-out).
  131050: {
    title:
      'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
    details: 'The recipient has stopped marketing messages from this business.',
    http: 400,
  },
  131051: { title: 'Message type unknown', details: 'Message type is currently not supported.', http: 400 },
  131056: {
    title: '(Business Account, Consumer Account) pair rate limit hit',
    details:
      'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
    http: 400,
  },
  131057: { title: 'Account in maintenance mode', details: 'Business Account is in maintenance mode.', http: 503 },
  132000: {
    title: 'Number of parameters does not match the expected number of params',
    details: 'The number of parameters does not match the template.',
    http: 400,
  },
  132001: {
    title: 'Template name does not exist in the translation',
    details: 'Template name does not exist in the translation.',
    http: 400,
  },
  // [U] 132012/132015/132016 titles are unverified (reference §1).
  132012: {
    title: 'Parameter format does not match format in the created template',
    details: 'Parameter format does not match format in the created template.',
    http: 400,
  },
  132015: { title: 'Template is paused', details: 'Template is paused due to low quality.', http: 400 },
  132016: {
    title: 'Template is disabled',
    details: 'Template has been paused too many times and is disabled.',
    http: 400,
  },
};

let traceCounter = 0;
/** fbtrace_id: opaque, only for support tickets; unique enough to tell calls apart in logs. */
export function fbtraceId(): string {
  traceCounter += 1;
  return `A${Buffer.from(`sbx-${process.pid}-${traceCounter}-${Date.now()}`).toString('base64url').slice(-22)}`;
}

/** A WhatsApp-family error body: "(#code) title" + error_data.details (fixture constructed-send-error-131056). */
export function whatsappError(code: number, details?: string): GraphErrorReply {
  const entry = ERROR_CATALOGUE[code] ?? { title: `Error ${code}`, details: `Error ${code}.`, http: 400 };
  return {
    status: entry.http,
    body: {
      error: {
        message: `(#${code}) ${entry.title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: details ?? entry.details },
        fbtrace_id: fbtraceId(),
      },
    },
  };
}

/** Code 100 with the offending parameter named in error_data.details. */
export const invalidParameter = (details: string): GraphErrorReply => whatsappError(100, details);

export type TokenProblem = 'missing' | 'malformed' | 'expired';

/**
 * Code 190, HTTP 401 (reference §1: "190 maps to 401"). Expired tokens carry subcode 463 like the fixture
 * constructed-send-error-190.json; the missing/malformed messages are Graph's usual wording [U].
 */
export function tokenError(problem: TokenProblem, expiredAt?: Date): GraphErrorReply {
  const message =
    problem === 'expired'
      ? `Error validating access token: Session has expired on ${(expiredAt ?? new Date()).toUTCString()}.`
      : problem === 'missing'
        ? 'An active access token must be used to query information about the current user.'
        : 'Invalid OAuth access token - Cannot parse access token';
  return {
    status: 401,
    headers: { 'WWW-Authenticate': `OAuth "Facebook Platform" "invalid_token" "${message}"` },
    body: {
      error: {
        message,
        type: 'OAuthException',
        code: 190,
        ...(problem === 'expired' ? { error_subcode: 463 } : {}),
        fbtrace_id: fbtraceId(),
      },
    },
  };
}

/** Graph's answer when the token cannot see the object in the path (or it does not exist): 100 / subcode 33. */
export function unknownObject(id: string, method: 'get' | 'post'): GraphErrorReply {
  return {
    status: 400,
    body: {
      error: {
        message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
        fbtrace_id: fbtraceId(),
      },
    },
  };
}

/** The `errors[]` item of a failed status webhook (fixtures constructed-webhook-status-failed-*.json). */
export function statusError(code: number, details?: string) {
  const entry = ERROR_CATALOGUE[code] ?? { title: `Error ${code}`, details: `Error ${code}.`, http: 400 };
  return {
    code,
    title: entry.title,
    message: entry.title,
    error_data: { details: details ?? entry.details },
    ...(entry.href ? { href: entry.href } : {}),
  };
}

import { describe, expect, it } from 'vitest';
import {
  classifyHubspotFailure,
  DEFAULT_RETRY_POLICY,
  type HubspotFailure,
  type RetryPolicy,
  toAppError,
} from '../../src/hubspot/retryPolicy.ts';
import {
  DAILY_429,
  MISSING_SCOPES_403,
  SEARCH_SECONDLY_429,
  TEN_SECONDLY_429,
  TEN_SECONDLY_HEADERS,
  VALIDATION_400,
} from './hubspotFixtures.ts';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  random: () => 0.5,
  now: () => NOW,
  ...overrides,
});
const classify = (f: Partial<HubspotFailure>, p = policy()) => classifyHubspotFailure({ attempt: 1, ...f }, p);
const httpDate = (ms: number) => new Date(ms).toUTCString();

describe('429: rate limits are honoured, never retried blindly', () => {
  it.each([
    ['the interval header when there is no Retry-After', TEN_SECONDLY_HEADERS, 10_000],
    ['Retry-After in seconds', { ...TEN_SECONDLY_HEADERS, 'Retry-After': '3' }, 3_000],
    ['Retry-After as an HTTP-date', { 'retry-after': httpDate(NOW + 7_000) }, 7_000],
    ['Retry-After in the past', { 'retry-after': httpDate(NOW - 60_000) }, 0],
    ['a shorter interval header', { 'X-HubSpot-RateLimit-Interval-Milliseconds': '5000' }, 5_000],
    ['no headers at all (the ten-second window)', {}, 10_000],
  ])('TEN_SECONDLY_ROLLING waits for the window by %s, without using up an attempt', (_by, headers, delayMs) => {
    expect(classify({ status: 429, body: TEN_SECONDLY_429, headers, attempt: 5 })).toEqual({
      action: 'retry',
      delayMs,
      reason: 'rate_limited',
      consumesAttempt: false,
      pause: 'general',
    });
  });

  it('TEN_SECONDLY_ROLLING still limited after maxWaits waits fails rate_limited', () => {
    const decision = classify({ status: 429, body: TEN_SECONDLY_429, waits: 6 });
    expect(decision).toMatchObject({ action: 'fail', reason: 'rate_limited', message: /still limited after 6 waits/ });
  });

  it.each([
    ['without headers', {}],
    ['even with Retry-After', { 'retry-after': '1' }],
  ])('DAILY fails at once with rate_limited, saying it resets at the portal midnight (%s)', (_case, headers) => {
    const decision = classify({ status: 429, body: DAILY_429, headers });
    expect(decision).toMatchObject({
      action: 'fail',
      reason: 'rate_limited',
      message: expect.stringMatching(/daily API limit.*resets at midnight in the portal's time zone/),
      details: { status: 429, policyName: 'DAILY', correlationId: DAILY_429.correlationId },
    });
  });

  it.each([
    ['about a second', {}, 1_000],
    ['Retry-After when given', { 'Retry-After': '2' }, 2_000],
  ])('the search secondly limit waits %s and pauses search only', (_case, headers, delayMs) => {
    expect(classify({ status: 429, body: SEARCH_SECONDLY_429, headers })).toEqual({
      action: 'retry',
      delayMs,
      reason: 'rate_limited',
      consumesAttempt: false,
      pause: 'search',
    });
  });

  it('an unidentified 429 is honoured but uses up attempts, so it cannot loop forever', () => {
    expect(classify({ status: 429, body: { message: 'slow down' }, attempt: 2 })).toMatchObject({
      action: 'retry',
      delayMs: 10_000,
      consumesAttempt: true,
    });
    expect(classify({ status: 429, body: { message: 'slow down' }, attempt: 5 })).toMatchObject({
      action: 'fail',
      reason: 'rate_limited',
      message: 'HubSpot answered 429: slow down (gave up after 5 attempts)',
    });
  });
});

describe('5xx and network errors: exponential backoff with full jitter', () => {
  it.each([
    [1, 0.5, 250],
    [2, 0.5, 500],
    [3, 0.5, 1_000],
    [4, 0.999, 3_996],
    [8, 0.999, 29_970], // 500·2^7 = 64 s, capped at 30 s
    [3, 0, 0],
  ])('attempt %i with random %f waits %i ms', (attempt, random, delayMs) => {
    const p = policy({ random: () => random, maxAttempts: 10 });
    expect(classify({ status: 502, attempt }, p)).toEqual({
      action: 'retry',
      delayMs,
      reason: 'upstream_unavailable',
      consumesAttempt: true,
    });
  });

  it.each([500, 502, 503, 504, 521, 522, 523, 524])('%i is retried', (status) => {
    expect(classify({ status })).toMatchObject({ action: 'retry', consumesAttempt: true });
  });

  it.each([501, 505])('%i is not retried', (status) => {
    expect(classify({ status })).toMatchObject({ action: 'fail', reason: 'upstream_unavailable' });
  });

  it('a Retry-After longer than the backoff wins', () => {
    expect(classify({ status: 503, headers: { 'retry-after': '20' } })).toMatchObject({ delayMs: 20_000 });
  });

  it('after maxAttempts, fails upstream_unavailable with HubSpot message', () => {
    const decision = classify(
      { status: 500, body: { message: 'internal error' }, attempt: 3 },
      policy({ maxAttempts: 3 }),
    );
    expect(decision).toMatchObject({
      action: 'fail',
      reason: 'upstream_unavailable',
      message: 'HubSpot answered 500: internal error (gave up after 3 attempts)',
    });
  });

  it('a non-idempotent write is retried only on 503, which promises nothing happened', () => {
    expect(classify({ status: 500, idempotent: false })).toMatchObject({
      action: 'fail',
      message: expect.stringMatching(/may have happened/),
    });
    expect(classify({ status: 503, idempotent: false })).toMatchObject({ action: 'retry' });
  });

  const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
  const named = (name: string) => Object.assign(new Error('x'), { name });

  it.each([
    ['ECONNRESET on the error (http module)', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['ECONNRESET in fetch cause (undici)', fetchFailed('ECONNRESET')],
    ['ETIMEDOUT', fetchFailed('ETIMEDOUT')],
    ['a connect timeout', fetchFailed('UND_ERR_CONNECT_TIMEOUT')],
    ['a headers timeout', fetchFailed('UND_ERR_HEADERS_TIMEOUT')],
    ['AbortSignal.timeout', named('TimeoutError')],
    ['DNS trouble', fetchFailed('EAI_AGAIN')],
  ])('%s is retried with backoff', (_case, error) => {
    expect(classify({ error, attempt: 2 })).toEqual({
      action: 'retry',
      delayMs: 500,
      reason: 'upstream_unavailable',
      consumesAttempt: true,
    });
  });

  it.each([
    ['a cancelled call', named('AbortError'), 'upstream_unavailable', /cancelled/],
    ['a bug in our code', new TypeError("Cannot read properties of undefined (reading 'x')"), 'internal', /UNKNOWN/],
  ])('%s is not retried', (_case, error, reason, message) => {
    expect(classify({ error })).toMatchObject({ action: 'fail', reason, message: expect.stringMatching(message) });
  });

  it('a non-idempotent write is retried after a connection refusal but not after a reset', () => {
    expect(classify({ error: fetchFailed('ECONNREFUSED'), idempotent: false })).toMatchObject({ action: 'retry' });
    expect(classify({ error: fetchFailed('ECONNRESET'), idempotent: false })).toMatchObject({
      action: 'fail',
      details: { networkCode: 'ECONNRESET' },
    });
  });
});

describe('423 and 477', () => {
  it.each([
    ['at least 2 s plus jitter', {}, 2_500],
    ['longer when Retry-After says so', { 'retry-after': '5' }, 5_000],
  ])('423 Locked waits %s', (_case, headers, delayMs) => {
    expect(classify({ status: 423, headers })).toEqual({
      action: 'retry',
      delayMs,
      reason: 'upstream_unavailable',
      consumesAttempt: true,
    });
  });

  it('477 migration in progress waits Retry-After seconds without using an attempt', () => {
    expect(classify({ status: 477, headers: { 'Retry-After': '120' }, attempt: 5 })).toEqual({
      action: 'retry',
      delayMs: 120_000,
      reason: 'upstream_unavailable',
      consumesAttempt: false,
    });
  });
});

describe('401: refresh once', () => {
  it.each([
    ['the first 401', { refreshed: false }, { action: 'refresh_then_retry' }],
    ['a 401 after a refresh', { refreshed: true }, { action: 'fail', reason: 'token_expired' }],
    ['a private-app token', { canRefresh: false }, { action: 'fail', reason: 'needs_reauthorization' }],
  ])('%s', (_case, flags, expected) => {
    expect(
      classify({ status: 401, body: { message: 'Authentication credentials not found.' }, ...flags }),
    ).toMatchObject(expected);
  });
});

describe('other 4xx fail with HubSpot own words', () => {
  it('403 names the missing scopes from the body', () => {
    const decision = classify({ status: 403, body: MISSING_SCOPES_403 });
    expect(decision).toMatchObject({
      action: 'fail',
      reason: 'forbidden',
      message: expect.stringMatching(/missing the scope contacts; reinstall/),
      details: { status: 403, category: 'MISSING_SCOPES', requiredScopes: ['contacts'] },
    });
  });

  it('403 with granular scopes lists them all', () => {
    const body = {
      ...MISSING_SCOPES_403,
      errors: [{ context: { requiredGranularScopes: ['crm.objects.deals.read', 'crm.objects.deals.write'] } }],
    };
    expect(classify({ status: 403, body })).toMatchObject({
      message: expect.stringContaining('crm.objects.deals.read, crm.objects.deals.write'),
    });
  });

  it('403 without scopes in the body passes HubSpot message on', () => {
    expect(classify({ status: 403, body: { message: 'Portal is locked' } })).toMatchObject({
      reason: 'forbidden',
      message: 'HubSpot answered 403: Portal is locked',
    });
  });

  it.each([
    [404, { message: 'Object not found.  objectId are usually numeric.' }, 'not_found'],
    [409, { message: 'Contact already exists. Existing ID: 512' }, 'conflict'],
    [413, {}, 'payload_too_large'],
    [414, { message: 'URI too long' }, 'validation'],
    [400, VALIDATION_400, 'validation'],
  ])('%i fails as %s', (status, body, reason) => {
    const decision = classify({ status, body });
    expect(decision).toMatchObject({ action: 'fail', reason, details: { status } });
    if ('message' in body) expect(decision).toMatchObject({ message: `HubSpot answered ${status}: ${body.message}` });
  });

  it('400 keeps the errors[] details with codes and context', () => {
    expect(classify({ status: 400, body: VALIDATION_400 })).toMatchObject({
      details: {
        category: 'VALIDATION_ERROR',
        correlationId: VALIDATION_400.correlationId,
        errors: [
          {
            message: 'discount was not a valid number',
            code: 'INVALID_INTEGER',
            context: { propertyName: ['discount'] },
          },
        ],
      },
    });
  });

  it.each([
    ['a JSON string', JSON.stringify(VALIDATION_400), /human readable message/],
    ['an unreadable string', '<html>Bad Request</html>', /^HubSpot answered 400$/],
    ['fields of the wrong type', { message: 42, errors: 'nope' }, /^HubSpot answered 400$/],
  ])('a body that is %s still gives a clear failure', (_case, body, message) => {
    expect(classify({ status: 400, body })).toMatchObject({ action: 'fail', message: expect.stringMatching(message) });
  });

  it('toAppError carries the reason, message and details', () => {
    const decision = classify({ status: 404, body: { message: 'gone', category: 'OBJECT_NOT_FOUND' } });
    if (decision.action !== 'fail') throw new Error('expected fail');
    const error = toAppError(decision);
    expect(error).toMatchObject({ code: 'not_found', message: 'HubSpot answered 404: gone' });
    expect(error.details).toMatchObject({ category: 'OBJECT_NOT_FOUND' });
  });
});

describe('headers are read however the client delivers them', () => {
  it.each([
    ['a fetch Headers object', new Headers({ 'Retry-After': '4' })],
    ['an SDK plain object (lowercase)', { 'retry-after': '4' }],
    ['an array value', { 'retry-after': ['4', '9'] }],
  ])('%s', (_case, headers) => {
    expect(classify({ status: 429, body: TEN_SECONDLY_429, headers })).toMatchObject({ delayMs: 4_000 });
  });
});

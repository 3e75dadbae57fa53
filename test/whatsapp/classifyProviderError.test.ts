import { describe, expect, it } from 'vitest';
import { classifyProviderError } from '../../src/whatsapp/classifyProviderError.ts';

describe('classifying WhatsApp provider errors by code', () => {
  it.each([
    // code, reason, action, scope
    [131047, 'outside_window', 'fail', undefined],
    [131026, 'undeliverable', 'fail', undefined],
    [132000, 'template_params', 'fail', undefined],
    [132001, 'template_missing', 'fail', undefined],
    [132015, 'template_paused', 'fail', undefined],
    [132016, 'template_paused', 'fail', undefined],
    [130429, 'throttled', 'retry', 'number'],
    [131056, 'throttled', 'retry', 'recipient'],
    [4, 'throttled', 'retry', 'account'],
    [80007, 'throttled', 'retry', 'account'],
    [190, 'auth', 'pause', 'account'],
    [131049, 'marketing_blocked', 'fail', undefined],
    [131050, 'marketing_blocked', 'fail', undefined],
    [131048, 'quality', 'pause', 'campaign'],
    [368, 'policy_block', 'pause', 'account'],
    [131031, 'policy_block', 'pause', 'account'],
    [100, 'invalid_request', 'fail', undefined],
    [131051, 'unsupported_type', 'fail', undefined],
    [131000, 'transient', 'retry', undefined],
    [131057, 'transient', 'retry', undefined],
  ])('code %s → %s, %s', (code, reason, action, scope) => {
    const f = classifyProviderError({ code, httpStatus: 400 });
    expect({ reason: f.reason, action: f.action, scope: f.scope }).toEqual({ reason, action, scope });
    expect(f.code).toBe(String(code));
    expect(f.message.length).toBeGreaterThan(20);
  });

  it('the same code gives the same decision whatever the HTTP status says (§1: key on error.code)', () => {
    expect(classifyProviderError({ code: 131056, httpStatus: 400 })).toEqual(
      classifyProviderError({ code: 131056, httpStatus: 429 }),
    );
  });

  it('only 131050 asks for a marketing opt-out to be recorded', () => {
    expect(classifyProviderError({ code: 131050 }).marketingOptOut).toBe(true);
    expect(classifyProviderError({ code: 131049 }).marketingOptOut).toBeUndefined();
  });

  it.each([
    // attempt, expected delay
    [1, 4_000],
    [2, 16_000],
    [3, 64_000],
  ])('pair rate limit: attempt %s waits 4^X s = %s ms (§3)', (attempt, delay) => {
    expect(classifyProviderError({ code: 131056, attempt }).retryAfterMs).toBe(delay);
  });

  it('throughput waits about a second, growing, capped at a minute', () => {
    const delays = [1, 2, 3, 8].map(
      (attempt) => classifyProviderError({ code: 130429, attempt, maxAttempts: 10 }).retryAfterMs,
    );
    expect(delays).toEqual([1_000, 2_000, 4_000, 60_000]);
  });

  it('131057 (maintenance) waits 60 s', () => {
    expect(classifyProviderError({ code: 131057 }).retryAfterMs).toBe(60_000);
  });

  it('a retryable error on the last attempt becomes a failure that says it gave up', () => {
    const f = classifyProviderError({ code: 130429, attempt: 5, maxAttempts: 5 });
    expect(f.action).toBe('fail');
    expect(f.retryAfterMs).toBeUndefined();
    expect(f.message).toMatch(/Gave up after 5 attempts/);
  });

  it.each([
    [500, 'transient', 'retry'],
    [503, 'transient', 'retry'],
    [400, 'unknown', 'fail'],
  ])('an unknown code with HTTP %s → %s / %s', (httpStatus, reason, action) => {
    const f = classifyProviderError({ code: 999_999, httpStatus });
    expect([f.reason, f.action]).toEqual([reason, action]);
  });

  it('no answer: a refused connection is retried; a timeout is not (the message may have been sent)', () => {
    expect(classifyProviderError({ transport: 'not_sent' })).toMatchObject({ reason: 'network', action: 'retry' });
    expect(classifyProviderError({ transport: 'unknown' })).toMatchObject({ reason: 'network', action: 'fail' });
  });

  it("keeps Meta's details for the operator", () => {
    expect(classifyProviderError({ code: 131026, details: 'Message Undeliverable.' }).providerDetails).toBe(
      'Message Undeliverable.',
    );
  });
});

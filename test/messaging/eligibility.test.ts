import { describe, expect, it } from 'vitest';
import { resolveTemplateVariables } from '../../src/mapping/templateVariables.ts';
import { unknownContactState } from '../../src/messaging/contactStateRepo.ts';
import { checkEligibility, type EligibilityInput, WINDOW_MS } from '../../src/messaging/eligibility.ts';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const HOUR = 3_600_000;
const granted = { state: 'granted' as const, at: NOW - 1000, source: 'form' };
const revoked = { state: 'revoked' as const, at: NOW - 1000, source: 'card' };
const unknown = unknownContactState(1, '+34612345678').consent.marketing;

const template = (
  over: Partial<NonNullable<Extract<EligibilityInput['message'], { kind: 'template' }>['template']>> = {},
) => ({
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY' as const,
  status: 'APPROVED' as const,
  header: 'none' as const,
  ...over,
});
const resolved = resolveTemplateVariables({
  parameterCount: 1,
  mapping: [{ position: 1, source: { from: 'contact', property: 'firstname' } }],
  contact: { firstname: 'Ada' },
});
const unresolved = resolveTemplateVariables({ parameterCount: 2, mapping: [], contact: {} });

/** A Spanish mobile with consent to everything, who wrote 2 hours ago: every send is allowed. */
function input(over: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    contact: { mobilephone: '612 34 56 78', firstname: 'Ada' },
    defaultCountry: 'ES',
    consent: { marketing: granted, utility: granted },
    optOut: null,
    lastInboundAt: NOW - 2 * HOUR,
    message: { kind: 'template', template: template(), variables: resolved },
    now: NOW,
    ...over,
  };
}
const text = (body = 'Your order shipped') => ({ kind: 'text' as const, body });
const tpl = (over = {}, variables = resolved) => ({ kind: 'template' as const, template: template(over), variables });

describe('send eligibility: one answer for the card, the workflow action and campaigns', () => {
  it.each<[string, Partial<EligibilityInput>, boolean]>([
    ['a utility template with consent', {}, true],
    [
      'a marketing template with marketing consent to a non-US number',
      { message: tpl({ category: 'MARKETING' }) },
      true,
    ],
    [
      'free text 23 h 59 min after the last inbound message',
      { message: text(), lastInboundAt: NOW - WINDOW_MS + 60_000 },
      true,
    ],
    [
      'free text without any consent record (the user wrote: a service reply)',
      { message: text(), consent: { marketing: unknown, utility: unknown } },
      true,
    ],
    [
      'a utility template with marketing consent only (the wider yes)',
      { consent: { marketing: granted, utility: unknown } },
      true,
    ],
    ['a template outside the window (templates are what the window is for)', { lastInboundAt: null }, false],
    [
      'free text to a contact who opted out and wrote again afterwards',
      { message: text(), optOut: { scope: 'all', at: NOW - 3 * HOUR, source: 'keyword:STOP' } },
      true,
    ],
    [
      'a utility template to a contact who stopped marketing only',
      { optOut: { scope: 'marketing', at: NOW - HOUR, source: 'whatsapp:131050' } },
      true,
    ],
  ])('allowed: %s (window open: %s)', (_case, over, windowOpen) => {
    expect(checkEligibility(input(over))).toEqual({ allowed: true, phone: '+34612345678', windowOpen });
  });

  it.each<[string, Partial<EligibilityInput>, string[]]>([
    ['no phone at all', { contact: { firstname: 'Ada' } }, ['no_phone']],
    ['an unusable phone', { contact: { phone: 'ask at reception' } }, ['invalid_phone']],
    ['a national number and no default country', { defaultCountry: undefined }, ['invalid_phone']],
    [
      'free text exactly 24 h after the last inbound',
      { message: text(), lastInboundAt: NOW - WINDOW_MS },
      ['window_closed'],
    ],
    ['free text to someone who never wrote', { message: text(), lastInboundAt: null }, ['window_closed']],
    ['empty free text', { message: text('  ') }, ['text_invalid']],
    ['free text over 4096 characters', { message: text('x'.repeat(4097)) }, ['text_invalid']],
    [
      'free text after STOP with no message since',
      { message: text(), optOut: { scope: 'all', at: NOW - HOUR, source: 'keyword:STOP' } },
      ['opted_out'],
    ],
    ['any template after STOP', { optOut: { scope: 'all', at: NOW - HOUR, source: 'keyword:STOP' } }, ['opted_out']],
    [
      'a marketing template after "Stop promotions"',
      {
        message: tpl({ category: 'MARKETING' }),
        optOut: { scope: 'marketing', at: NOW - HOUR, source: 'whatsapp:131050' },
      },
      ['opted_out'],
    ],
    [
      'a marketing template without marketing consent',
      { message: tpl({ category: 'MARKETING' }), consent: { marketing: unknown, utility: granted } },
      ['no_consent'],
    ],
    ['a utility template without any consent', { consent: { marketing: unknown, utility: unknown } }, ['no_consent']],
    [
      'a utility template whose consent was withdrawn, marketing still granted',
      { consent: { marketing: granted, utility: revoked } },
      ['no_consent'],
    ],
    ['a pending template', { message: tpl({ status: 'PENDING' }) }, ['template_not_approved']],
    ['a paused template', { message: tpl({ status: 'PAUSED' }) }, ['template_not_approved']],
    ['a template gone from the provider', { message: tpl({ status: 'DELETED' }) }, ['template_not_approved']],
    [
      'an unknown template',
      { message: { kind: 'template', template: undefined, variables: resolved } },
      ['template_unknown'],
    ],
    ['a template with a media header', { message: tpl({ header: 'media' }) }, ['template_unsupported']],
    [
      'a marketing template to a US number (blocked since 2025-04-01)',
      { message: tpl({ category: 'MARKETING' }), contact: { mobilephone: '+1 650 555 1234' } },
      ['marketing_blocked_us'],
    ],
    ['two variables without values', { message: tpl({}, unresolved) }, ['variable_missing', 'variable_missing']],
    [
      'everything wrong at once: all reasons, not only the first',
      {
        message: tpl({ status: 'REJECTED', category: 'MARKETING' }, unresolved),
        consent: { marketing: revoked, utility: granted },
        optOut: { scope: 'all', at: NOW, source: 'keyword:BAJA' },
      },
      ['opted_out', 'no_consent', 'template_not_approved', 'variable_missing', 'variable_missing'],
    ],
  ])('refused: %s', (_case, over, codes) => {
    const result = checkEligibility(input(over));
    expect(result.allowed).toBe(false);
    if (result.allowed) return;
    expect(result.reasons.map((r) => r.code)).toEqual(codes);
    for (const r of result.reasons) expect(r.message).toMatch(/\w{3,}/);
  });

  it('the reason for a missing variable says which one and why', () => {
    const result = checkEligibility(input({ message: tpl({}, unresolved) }));
    expect(!result.allowed && result.reasons[0]?.message).toBe('{{1}} is not mapped');
  });
});

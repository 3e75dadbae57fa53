import { describe, expect, it } from 'vitest';
import {
  type ResolveInput,
  resolveTemplateVariables,
  TemplateVariablesSchema,
} from '../../src/mapping/templateVariables.ts';
import { previewTemplate, renderTemplateText, templateMessage } from '../../src/messaging/templateMessage.ts';

const contact = { firstname: 'Ada', lastname: '  ', company: 'Analytical\nEngines  Ltd' };
const deal = { amount: '1250.5', closedate: '2026-03-15', dealname: 'Order #1234' };

const resolve = (over: Partial<ResolveInput>) =>
  resolveTemplateVariables({ parameterCount: 1, mapping: [], contact, deal, language: 'en_US', ...over });

describe('template variables: {{n}} → contact property, deal property or static text, with fallbacks', () => {
  it.each<[string, ResolveInput['mapping'][number], Partial<ResolveInput>, string, string]>([
    ['a contact property', { position: 1, source: { from: 'contact', property: 'firstname' } }, {}, 'Ada', 'source'],
    ['a deal property', { position: 1, source: { from: 'deal', property: 'dealname' } }, {}, 'Order #1234', 'source'],
    ['static text', { position: 1, source: { from: 'static', text: 'Switchboard' } }, {}, 'Switchboard', 'source'],
    [
      'blank value → fallback',
      { position: 1, source: { from: 'contact', property: 'lastname' }, fallback: 'there' },
      {},
      'there',
      'fallback',
    ],
    [
      'absent property → fallback',
      { position: 1, source: { from: 'contact', property: 'nickname' }, fallback: 'friend' },
      {},
      'friend',
      'fallback',
    ],
    [
      'new lines and runs of spaces are flattened',
      { position: 1, source: { from: 'contact', property: 'company' } },
      {},
      'Analytical Engines Ltd',
      'source',
    ],
    [
      'an override wins',
      { position: 1, source: { from: 'contact', property: 'firstname' } },
      { overrides: { 1: 'Augusta' } },
      'Augusta',
      'override',
    ],
    [
      'a blank override does not',
      { position: 1, source: { from: 'contact', property: 'firstname' } },
      { overrides: { 1: ' ' } },
      'Ada',
      'source',
    ],
    [
      'money in the template language',
      { position: 1, source: { from: 'deal', property: 'amount' }, format: { kind: 'money', currency: 'USD' } },
      {},
      '$1,250.50',
      'source',
    ],
    [
      'money in Spanish',
      { position: 1, source: { from: 'deal', property: 'amount' }, format: { kind: 'money', currency: 'EUR' } },
      { language: 'es' },
      '1250,50 €',
      'source',
    ],
    [
      'a date-only value keeps its day in any zone',
      { position: 1, source: { from: 'deal', property: 'closedate' }, format: { kind: 'date' } },
      { timeZone: 'America/Los_Angeles' },
      'March 15, 2026',
      'source',
    ],
    [
      'a value that is not a number → fallback',
      {
        position: 1,
        source: { from: 'contact', property: 'firstname' },
        format: { kind: 'money', currency: 'USD' },
        fallback: 'your balance',
      },
      {},
      'your balance',
      'fallback',
    ],
  ])('%s', (_case, mapping, over, value, via) => {
    expect(resolve({ mapping: [mapping], ...over })).toEqual({
      variables: [{ position: 1, value, via }],
      values: [value],
    });
  });

  it.each<[string, Partial<ResolveInput>, string]>([
    ['an unmapped position', { mapping: [] }, '{{1}} is not mapped'],
    [
      'an empty property without fallback',
      { mapping: [{ position: 1, source: { from: 'contact', property: 'lastname' } }] },
      '{{1}} is empty: the contact property "lastname" has no value and no fallback',
    ],
    [
      'a deal property when there is no deal',
      { mapping: [{ position: 1, source: { from: 'deal', property: 'amount' } }], deal: undefined },
      '{{1}} is empty: the deal property "amount" has no value and no fallback',
    ],
  ])('%s is unresolved, with the reason', (_case, over, missing) => {
    const r = resolve(over);
    expect(r.variables).toEqual([{ position: 1, missing }]);
    expect(r.values).toBeUndefined();
  });

  it('a mapping saved twice for one position is refused', () => {
    const twice = [1, 1].map((position) => ({ position, source: { from: 'static', text: 'x' } }));
    expect(TemplateVariablesSchema.safeParse(twice).success).toBe(false);
  });
});

describe('rendering the filled message', () => {
  it.each([
    ['Hi {{1}}, your order {{2}} shipped.', ['Ada', '#1234'], 'Hi Ada, your order #1234 shipped.'],
    ['{{1}} {{1}} {{ 2 }}', ['A', 'B'], 'A A B'],
    ['Hi {{1}}, {{2}} is due.', ['Ada', undefined], 'Hi Ada, {{2}} is due.'],
    ['No variables.', [], 'No variables.'],
  ])('%s with %o → %s', (body, values, text) => {
    expect(renderTemplateText(body, values)).toBe(text);
  });

  it('the preview lists what is still missing next to the text', () => {
    const resolution = resolveTemplateVariables({
      parameterCount: 2,
      mapping: [{ position: 1, source: { from: 'contact', property: 'firstname' } }],
      contact,
    });
    expect(previewTemplate({ bodyText: 'Hi {{1}}, order {{2}}.' }, resolution)).toEqual({
      text: 'Hi Ada, order {{2}}.',
      missing: [{ position: 2, reason: '{{2}} is not mapped' }],
    });
  });

  it('the provider gets text parameters in position order', () => {
    expect(templateMessage({ name: 'order_update', language: 'en_US' }, ['Ada', '#1234'])).toEqual({
      name: 'order_update',
      language: 'en_US',
      bodyParameters: [
        { type: 'text', text: 'Ada' },
        { type: 'text', text: '#1234' },
      ],
    });
  });
});

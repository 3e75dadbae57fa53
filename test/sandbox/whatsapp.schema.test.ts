import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSendBody } from '../../sandbox/whatsapp/index.ts';
import { applySpecPatches, SPEC_PATCHES } from '../../sandbox/whatsapp/openapi/specPatches.ts';
import { loadSendSpec } from '../../sandbox/whatsapp/openapi/loadSpec.ts';

/**
 * The validator against all 50 request examples of Meta's sendMessage operation. The JSON subset carries
 * the same examples as the YAML (README provenance) and parses in milliseconds.
 */
const SUBSET = path.resolve(
  import.meta.dirname,
  '../../../shared/whatsapp-openapi/cloud-api-messages-webhooks.openapi.json',
);
const spec = JSON.parse(readFileSync(SUBSET, 'utf8')) as {
  paths: Record<
    string,
    { post: { requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> } } }
  >;
};
const examples =
  spec.paths['/{Version}/{Phone-Number-ID}/messages']!.post.requestBody.content['application/json']!.examples;

/** Placeholders only: recipient and media URLs written as "<http(s)://…>" become real values. */
const fill = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value)
      .replace(/\{\{Recipient-(WA-)?Phone-Number\}\}/g, '+16505551234')
      .replace(/"<?http\(s\):\/\/([^">]*)>?"/g, '"https://example.com/$1"'),
  ) as unknown;

/** Examples the sandbox rejects, and why (each is a limitation of the example or a type the spec omits). */
const EXPECTED_REJECTIONS: Record<string, RegExp> = {
  'Send Multi-Product Message': /interactive\.header\.type must be one of/, // "<HEADER_TYPE>" placeholder
  'Send Order Details Message': /interactive\.type must be one of/, // India payments type, not in the schema
  'Send Order Status Message': /interactive\.type must be one of/, // idem
  'Send Reply to List Message': /text is required/, // omits `type`, which then defaults to "text"
  'Send Sample Issue Resolution Template': /parameters\[0\]\.text must be string/, // `text: true` in the YAML
  'Send typing indicator and read receipt': /to is required/, // a read receipt, served by readReceipts.ts instead
};

describe("WhatsApp sandbox: Meta's OpenAPI send-message schema", () => {
  it('has the 50 request examples', () => {
    expect(Object.keys(examples)).toHaveLength(50);
  });

  it('accepts every example except the documented six, which fail for the stated reason', () => {
    const rejected: Record<string, string> = {};
    for (const [name, { value }] of Object.entries(examples)) {
      const result = validateSendBody(fill(value));
      if (!result.ok) rejected[name] = result.details;
    }
    expect(Object.keys(rejected).sort()).toEqual(Object.keys(EXPECTED_REJECTIONS).sort());
    for (const [name, reason] of Object.entries(EXPECTED_REJECTIONS)) expect(rejected[name]).toMatch(reason);
  });

  it('every errata patch still finds its target in the spec (fails loudly if Meta changes it)', () => {
    const { schemas } = loadSendSpec();
    expect(() => applySpecPatches(schemas)).not.toThrow();
    expect(SPEC_PATCHES.length).toBeGreaterThan(0);
    expect((schemas.LanguageObject as { required: string[] }).required).toEqual(['code']);
  });

  it('without the allOf translation the spec would reject its own text example (why normalize.ts exists)', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { schemas } = loadSendSpec();
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const refs = JSON.parse(JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/$defs/'));
    const literal = ajv.compile({ $defs: refs, $ref: '#/$defs/TextMessage' });
    const example = fill(examples['Send Text Message']!.value);
    expect(literal(example)).toBe(false);
    expect(validateSendBody(example).ok).toBe(true);
  });
});

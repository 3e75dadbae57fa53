import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keyringProblems, parseKeyring, tokenEncryptionKeysSchema } from '../../src/connections/keyring.ts';
import { AppError } from '../../src/errors.ts';
import { keyEntry } from './vaultFixtures.ts';

const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

describe('TOKEN_ENCRYPTION_KEYS parsing', () => {
  it('makes the first key active and keeps the others for decryption', () => {
    const keyring = parseKeyring(`${keyEntry('2026-03')}, ${keyEntry('2025-09')},${keyEntry('old_1')}`);
    expect(keyring.active.id).toBe('2026-03');
    expect(keyring.ids).toEqual(['2026-03', '2025-09', 'old_1']);
    expect(keyring.get('2025-09')?.material()).toHaveLength(32);
    expect(keyring.get('missing')).toBeUndefined();
  });

  it('accepts URL-safe base64 without padding', () => {
    const urlSafe = randomBytes(32).toString('base64url');
    expect(parseKeyring(`k1:${urlSafe}`).active.material()).toEqual(Buffer.from(urlSafe, 'base64url'));
  });

  it.each([
    ['no keys at all', '   ', /no keys given/],
    ['an entry without a colon', `${b64(32)}`, /entry 1 is not keyId:base64key/],
    ['a stray comma', `${keyEntry('k1')},`, /entry 2 is empty/],
    ['an id with a dot', `k.1:${b64(32)}`, /entry 1: the key id must be/],
    ['an id that is too long', `${'k'.repeat(33)}:${b64(32)}`, /entry 1: the key id must be/],
    ['bad base64', 'k1:not*base64!', /key 'k1': not valid base64/],
    ['a 16-byte key', `k1:${b64(16)}`, /key 'k1': decodes to 16 bytes, expected 32/],
    ['a 64-byte key', `k1:${b64(64)}`, /key 'k1': decodes to 64 bytes, expected 32/],
    ['a duplicate id', `${keyEntry('k1')},${keyEntry('k1')}`, /key id 'k1' appears twice/],
  ])('rejects %s with a message naming the problem', (_case, spec, problem) => {
    expect(keyringProblems(spec).join('\n')).toMatch(problem);
    let error: unknown;
    try {
      parseKeyring(spec);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_configured');
    expect((error as AppError).message).toMatch(/^TOKEN_ENCRYPTION_KEYS: /);
    expect((error as AppError).message).toMatch(problem);
  });

  it('names every problem at once', () => {
    expect(keyringProblems(`k1:${b64(8)},k2:${b64(8)}`)).toHaveLength(2);
  });

  it('never repeats key material in a problem, even when the entry is a bare key', () => {
    const material = b64(32);
    for (const spec of [material, `k1:${b64(16)}`, `k.1:${material}`]) {
      for (const problem of keyringProblems(spec)) expect(problem).not.toContain(material.slice(0, 12));
    }
  });

  it('the zod refinement lets config report problems under the variable name', () => {
    const schema = z.object({ TOKEN_ENCRYPTION_KEYS: tokenEncryptionKeysSchema.optional() });
    expect(schema.safeParse({}).success).toBe(true);
    expect(schema.safeParse({ TOKEN_ENCRYPTION_KEYS: keyEntry('k1') }).success).toBe(true);
    const result = schema.safeParse({ TOKEN_ENCRYPTION_KEYS: `${keyEntry('k1')},${keyEntry('k1')},k3:${b64(16)}` });
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    expect(issues.map((i) => i.path[0])).toEqual(['TOKEN_ENCRYPTION_KEYS', 'TOKEN_ENCRYPTION_KEYS']);
    expect(issues.map((i) => i.message).join('\n')).toMatch(
      /16 bytes[\s\S]*appears twice|appears twice[\s\S]*16 bytes/,
    );
  });
});

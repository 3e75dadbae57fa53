import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseKeyring } from '../../src/connections/keyring.ts';
import { Secret } from '../../src/connections/secret.ts';
import { AppError } from '../../src/errors.ts';
import { keyEntry, vaultFor } from './vaultFixtures.ts';

const TOKEN =
  'CIrToaiiMhIHAAEAQAAAARiO1ooBIOP0sgEokuLtAEaOaTFnToZ3VjUbtl46MAAAAEAAAAAgAAAAAAAAAAAACAAAAAAAOABAAAAAAAAAAAAAAAQAkIUVrptEzQ4hQHP89Eoahkq';
const PURPOSE = 'portal:123:refresh_token';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

/** Flips one bit of the base64url part at `index` (2 = iv, 3 = tag, 4 = ciphertext). */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('token vault', () => {
  const spec = keyEntry('k1');
  const vault = vaultFor(spec);

  it.each([
    ['an OAuth access token', TOKEN],
    ['a refresh token', '1e8fbfb1-8e96-4826-8b8d-c8af73715'],
    ['a 512-character token', 'x'.repeat(512)],
    ['non-ASCII text', 'tökén-✓'],
    ['an empty string', ''],
  ])('%s comes back unchanged after encrypt and decrypt', (_name, plaintext) => {
    const sealed = vault.encrypt(new Secret(plaintext), PURPOSE);
    expect(vault.decrypt(sealed, PURPOSE).reveal()).toBe(plaintext);
  });

  it('stores a versioned value naming its key, with a fresh IV each time', () => {
    const a = vault.encrypt(new Secret(TOKEN), PURPOSE);
    const b = vault.encrypt(new Secret(TOKEN), PURPOSE);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(TOKEN);
    expect(vault.keyIdOf(a)).toBe('k1');
  });

  it('a ciphertext copied to another record (different associated data) does not decrypt', () => {
    const sealed = vault.encrypt(new Secret(TOKEN), 'portal:123:refresh_token');
    for (const other of ['portal:124:refresh_token', 'portal:123:access_token']) {
      const err = errorOf(() => vault.decrypt(sealed, other));
      expect(err.code).toBe('internal');
      expect(err.details).toEqual({ reason: 'token_decrypt_failed', keyId: 'k1' });
      expect(err.message).toContain(other);
    }
  });

  it.each([
    ['the IV', 2],
    ['the auth tag', 3],
    ['the ciphertext', 4],
  ])('a value with a changed bit in %s fails authentication', (_part, index) => {
    const sealed = vault.encrypt(new Secret(TOKEN), PURPOSE);
    expect(errorOf(() => vault.decrypt(tamper(sealed, index), PURPOSE)).details).toMatchObject({
      reason: 'token_decrypt_failed',
    });
  });

  it('a value relabelled with another known key id fails authentication', () => {
    const twoKeys = vaultFor(`${keyEntry('k2')},${spec}`);
    const sealed = twoKeys.encrypt(new Secret(TOKEN), PURPOSE).replace(/^v1\.k2\./, 'v1.k1.');
    expect(errorOf(() => twoKeys.decrypt(sealed, PURPOSE)).details).toMatchObject({ reason: 'token_decrypt_failed' });
  });

  it.each([
    ['not a vault value', 'plain-token'],
    ['an unknown version', 'v2.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA'],
    ['a short IV', 'v1.k1.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA'],
    ['non-base64url parts', 'v1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.A+/='],
  ])('%s is reported as malformed', (_name, sealed) => {
    const err = errorOf(() => vault.decrypt(sealed, PURPOSE));
    expect(err.details).toEqual({ reason: 'token_malformed' });
  });

  it('a value under a key that is no longer configured names the key and the variable', () => {
    const sealed = vault.encrypt(new Secret(TOKEN), PURPOSE);
    const err = errorOf(() => vaultFor(keyEntry('k9')).decrypt(sealed, PURPOSE));
    expect(err.code).toBe('not_configured');
    expect(err.message).toMatch(/key 'k1'.*TOKEN_ENCRYPTION_KEYS/);
  });

  it('no decrypt error carries the plaintext or the key, in its message, details or JSON', () => {
    const sealed = vault.encrypt(new Secret(TOKEN), PURPOSE);
    const keyBase64 = spec.slice(spec.indexOf(':') + 1);
    const errors = [
      errorOf(() => vault.decrypt(sealed, 'portal:1:access_token')),
      errorOf(() => vault.decrypt(tamper(sealed, 4), PURPOSE)),
      errorOf(() => vaultFor(keyEntry('k9')).decrypt(sealed, PURPOSE)),
    ];
    for (const err of errors) {
      const printed = [err.message, JSON.stringify(err.details), inspect(err), err.stack ?? ''].join('\n');
      expect(printed).not.toContain(TOKEN.slice(0, 20));
      expect(printed).not.toContain(keyBase64);
    }
  });

  it('encrypts with the first key and still decrypts with the others (rotation)', () => {
    const old = vaultFor(spec).encrypt(new Secret(TOKEN), PURPOSE);
    const rotated = vaultFor(`${keyEntry('k2')},${spec}`);
    expect(rotated.activeKeyId).toBe('k2');
    expect(rotated.decrypt(old, PURPOSE).reveal()).toBe(TOKEN);
    expect(rotated.keyIdOf(rotated.encrypt(new Secret(TOKEN), PURPOSE))).toBe('k2');
  });
});

describe('secrets never print', () => {
  const secret = new Secret(TOKEN);

  it.each([
    ['String()', () => String(secret)],
    ['a template literal', () => `Bearer ${secret}`],
    ['JSON.stringify', () => JSON.stringify({ accessToken: secret, nested: { list: [secret] } })],
    ['util.inspect', () => inspect({ secret }, { depth: 5, showHidden: true })],
    ['string concatenation', () => `${'token='}${secret}`],
  ])('%s shows [secret]', (_how, print) => {
    const printed = print();
    expect(printed).toContain('[secret]');
    expect(printed).not.toContain(TOKEN);
  });

  it('only reveal() gives the value out', () => {
    expect(secret.reveal()).toBe(TOKEN);
    expect(Object.keys(secret)).toEqual([]);
  });

  it('a keyring prints its key ids, never key material', () => {
    const spec = keyEntry('k1');
    const keyring = parseKeyring(spec);
    const material = spec.slice(3);
    for (const printed of [JSON.stringify(keyring.active), inspect(keyring, { depth: 5, showHidden: true })]) {
      expect(printed).toContain('k1');
      expect(printed).not.toContain(material);
    }
  });
});

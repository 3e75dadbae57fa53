import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import { KEYS_VARIABLE, type Keyring } from './keyring.ts';
import { Secret } from './secret.ts';

/**
 * AES-256-GCM envelope for tokens at rest: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 * - a fresh random 12-byte IV per encryption (GCM's recommended nonce size; never reused with a key);
 * - the 16-byte auth tag, so any change to IV, tag or ciphertext fails to decrypt;
 * - associated data = version + key id + purpose (e.g. `portal:123:refresh_token`), so a ciphertext
 *   copied to another row, or relabelled with another key id, fails to decrypt too.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

export interface TokenVault {
  readonly activeKeyId: string;
  /** Seals `plaintext` for `purpose` under the active key. */
  encrypt(plaintext: Secret, purpose: string): string;
  /** Opens a sealed token; throws AppError (never containing plaintext or key) when it cannot. */
  decrypt(sealed: string, purpose: string): Secret;
  /** The key id a sealed value was encrypted with (no decryption). */
  keyIdOf(sealed: string): string;
}

export interface TokenVaultDeps {
  randomBytes?: (size: number) => Buffer;
}

interface Envelope {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** Error reasons a caller (or the health view) can act on; kept in `details.reason`. */
export type VaultFailure = 'token_malformed' | 'token_key_unknown' | 'token_decrypt_failed';

const fail = (code: 'internal' | 'not_configured', reason: VaultFailure, message: string, keyId?: string) =>
  new AppError(code, message, keyId === undefined ? { reason } : { reason, keyId });

const associatedData = (keyId: string, purpose: string) => Buffer.from(`${VERSION}.${keyId}.${purpose}`, 'utf8');

function parseEnvelope(sealed: string, purpose: string): Envelope {
  const parts = sealed.split('.');
  const malformed = () => fail('internal', 'token_malformed', `Stored token for ${purpose} is not a v1 vault value`);
  if (parts.length !== 5 || parts[0] !== VERSION) throw malformed();
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  if (![iv, tag, ciphertext].every((p) => B64URL.test(p))) throw malformed();
  const envelope = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
  if (envelope.iv.length !== IV_BYTES || envelope.tag.length !== TAG_BYTES) throw malformed();
  return envelope;
}

/** Creates the vault over a keyring (see keyring.ts for rotation). */
export function createTokenVault(keyring: Keyring, deps: TokenVaultDeps = {}): TokenVault {
  const randomBytes = deps.randomBytes ?? nodeRandomBytes;

  function encrypt(plaintext: Secret, purpose: string): string {
    const key = keyring.active;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.material(), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(key.id, purpose));
    const ciphertext = Buffer.concat([cipher.update(plaintext.reveal(), 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
    return [VERSION, key.id, ...parts].join('.');
  }

  function decrypt(sealed: string, purpose: string): Secret {
    const envelope = parseEnvelope(sealed, purpose);
    const key = keyring.get(envelope.keyId);
    if (!key) {
      const message = `Stored token for ${purpose} was encrypted with key '${envelope.keyId}', which is not in ${KEYS_VARIABLE}`;
      throw fail('not_configured', 'token_key_unknown', message, envelope.keyId);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.material(), envelope.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(key.id, purpose));
      decipher.setAuthTag(envelope.tag);
      return new Secret(Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString('utf8'));
    } catch {
      // node:crypto only says "Unsupported state or unable to authenticate data"; say what it means for us.
      const message = `Stored token for ${purpose} failed authentication: it was altered, or belongs to another record`;
      throw fail('internal', 'token_decrypt_failed', message, key.id);
    }
  }

  return {
    get activeKeyId() {
      return keyring.active.id;
    },
    encrypt,
    decrypt,
    keyIdOf: (sealed) => parseEnvelope(sealed, 'this value').keyId,
  };
}

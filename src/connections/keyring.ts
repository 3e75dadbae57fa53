import { inspect } from 'node:util';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/** AES-256 wants 32-byte keys. Generate one with `openssl rand -base64 32`. */
export const KEY_BYTES = 32;
export const KEYS_VARIABLE = 'TOKEN_ENCRYPTION_KEYS';

// Key ids travel inside every ciphertext (`v1.<keyId>.…`), so they may not contain `.` or `:`.
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
// Standard or URL-safe base64, padding optional: strict, because Buffer.from(…, 'base64') skips junk silently.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** One AES key. The material never prints: JSON and inspect show only the id. */
export class EncryptionKey {
  readonly #material: Buffer;

  constructor(
    readonly id: string,
    material: Buffer,
  ) {
    if (!KEY_ID.test(id)) throw new Error('invalid key id');
    if (material.length !== KEY_BYTES) throw new Error(`key '${id}' must be ${KEY_BYTES} bytes`);
    this.#material = Buffer.from(material);
  }

  /** The raw key, for node:crypto only. */
  material(): Buffer {
    return this.#material;
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }

  [inspect.custom](): string {
    return `EncryptionKey(${this.id})`;
  }
}

/** The keys the vault knows: `active` encrypts, every key (active included) decrypts. */
export interface Keyring {
  readonly active: EncryptionKey;
  readonly ids: readonly string[];
  get(id: string): EncryptionKey | undefined;
}

/** Builds a keyring; the first key is the active one. */
export function keyringOf(keys: readonly EncryptionKey[]): Keyring {
  const [active] = keys;
  if (!active) throw new AppError('not_configured', `${KEYS_VARIABLE}: no keys given`);
  const byId = new Map(keys.map((k) => [k.id, k]));
  if (byId.size !== keys.length) throw new AppError('not_configured', `${KEYS_VARIABLE}: duplicate key id`);
  return { active, ids: keys.map((k) => k.id), get: (id) => byId.get(id) };
}

type EntryResult = { key: EncryptionKey } | { problem: string };

// Problems name the entry by position and id, never by content: a malformed entry may be a bare key.
function parseEntry(entry: string, position: number): EntryResult {
  const where = `entry ${position}`;
  if (entry === '') return { problem: `${where} is empty (stray comma?)` };
  const colon = entry.indexOf(':');
  if (colon < 0) return { problem: `${where} is not keyId:base64key` };
  const id = entry.slice(0, colon).trim();
  const encoded = entry.slice(colon + 1).trim();
  if (!KEY_ID.test(id)) return { problem: `${where}: the key id must be 1-32 letters, digits, '_' or '-'` };
  if (!BASE64.test(encoded)) return { problem: `key '${id}': not valid base64` };
  const material = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (material.length !== KEY_BYTES) {
    return {
      problem: `key '${id}': decodes to ${material.length} bytes, expected ${KEY_BYTES} (openssl rand -base64 32)`,
    };
  }
  return { key: new EncryptionKey(id, material) };
}

function parseEntries(spec: string): { keys: EncryptionKey[]; problems: string[] } {
  const keys: EncryptionKey[] = [];
  const problems: string[] = [];
  if (spec.trim() === '') return { keys, problems: ['no keys given; expected keyId:base64key[,keyId:base64key…]'] };
  spec.split(',').forEach((raw, i) => {
    const result = parseEntry(raw.trim(), i + 1);
    if ('problem' in result) problems.push(result.problem);
    else if (keys.some((k) => k.id === result.key.id)) problems.push(`key id '${result.key.id}' appears twice`);
    else keys.push(result.key);
  });
  return { keys, problems };
}

/** Every problem with a `keyId:base64key,…` list; empty when it is usable. Never echoes key material. */
export function keyringProblems(spec: string): string[] {
  return parseEntries(spec).problems;
}

/**
 * Parses `TOKEN_ENCRYPTION_KEYS` (`keyId:base64key,…`, first = active, others decrypt only, for rotation).
 * Throws AppError `not_configured` whose message names the variable and each problem.
 */
export function parseKeyring(spec: string): Keyring {
  const { keys, problems } = parseEntries(spec);
  if (problems.length > 0) {
    throw new AppError('not_configured', `${KEYS_VARIABLE}: ${problems.join('; ')}`, { problems });
  }
  return keyringOf(keys);
}

/**
 * zod refinement for src/config.ts: `TOKEN_ENCRYPTION_KEYS: tokenEncryptionKeysSchema.optional()`.
 * Issues carry no path of their own, so loadConfig reports them under the variable's name.
 */
export const tokenEncryptionKeysSchema = z
  .string({ error: 'required: comma-separated keyId:base64key entries (32-byte keys), the first one encrypts' })
  .superRefine((spec, ctx) => {
    for (const message of keyringProblems(spec)) ctx.addIssue({ code: 'custom', message });
  });

/** Formats one keyring entry; used to write the development key file. */
export function formatKeyEntry(key: EncryptionKey): string {
  return `${key.id}:${key.material().toString('base64')}`;
}

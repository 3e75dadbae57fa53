import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
import type { ApiKeyScope } from '@switchboard/contract';
import { AppError } from '../errors.ts';
import type { ApiKeyRecord, ApiKeysRepo } from './apiKeysRepo.ts';
import type { InstallationsRepo } from './installationsRepo.ts';
import { Secret } from './secret.ts';

const PREFIX = 'sbk_';
/** `sbk_` + 43 base64url characters (32 random bytes). */
export const API_KEY_PATTERN = /^sbk_[A-Za-z0-9_-]{43}$/;

/** SHA-256 is enough here: the key is 256 random bits, so there is nothing to brute-force (unlike a password). */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export interface ApiKeysDeps {
  repo: ApiKeysRepo;
  installations: InstallationsRepo;
  now: () => number;
  randomBytes?: (size: number) => Buffer;
}

/**
 * Per-portal API keys for external systems (order system, conversation platform): created here, shown once,
 * stored as a hash, revocable. A request is resolved by hashing the key it presents and looking the hash up,
 * so no stored secret is ever compared character by character.
 */
export function createApiKeys(d: ApiKeysDeps) {
  const randomBytes = d.randomBytes ?? nodeRandomBytes;
  return {
    /** A new key; `key` is returned here only. */
    create(portalId: number, input: { name: string; scope: ApiKeyScope }): { record: ApiKeyRecord; key: Secret } {
      const inst = d.installations.find(portalId);
      if (!inst || inst.status === 'uninstalled') {
        throw new AppError('not_found', `Portal ${portalId} is not connected, so it cannot have API keys`);
      }
      const key = `${PREFIX}${randomBytes(32).toString('base64url')}`;
      const record = d.repo.add({
        portalId,
        name: input.name,
        scope: input.scope,
        keyHash: hashApiKey(key),
        keyPrefix: key.slice(0, PREFIX.length + 6),
        createdAt: new Date(d.now()).toISOString(),
      });
      return { record, key: new Secret(key) };
    },
    list: (portalId: number) => d.repo.list(portalId),
    revoke(portalId: number, id: number): void {
      if (!d.repo.find(portalId, id)) throw new AppError('not_found', `Portal ${portalId} has no API key ${id}`);
      d.repo.revoke(portalId, id, new Date(d.now()));
    },
    /** The live key a presented value belongs to, or undefined (malformed, unknown, revoked). */
    resolve(presented: string): ApiKeyRecord | undefined {
      if (!API_KEY_PATTERN.test(presented)) return undefined;
      return d.repo.findActiveByHash(hashApiKey(presented));
    },
  };
}

export type ApiKeys = ReturnType<typeof createApiKeys>;

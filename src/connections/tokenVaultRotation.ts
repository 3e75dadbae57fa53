import { isAppError } from '../errors.ts';
import type { TokenVault } from './tokenVault.ts';

/** A stored, sealed value and the purpose it was sealed for (its associated data). */
export interface SealedRecord {
  readonly purpose: string;
  readonly ciphertext: string;
}

/** What reencryptAll needs from a repository; tokensRepo provides it for `connection_tokens`. */
export interface ReencryptTarget<R extends SealedRecord> {
  /** Rows whose recorded key id differs from `keyId`. */
  listNotUnderKey(keyId: string): R[];
  /** Compare-and-swap: replaces the ciphertext only if it is still `record.ciphertext`; false otherwise. */
  replaceCiphertext(record: R, ciphertext: string, keyId: string): boolean;
  transaction<T>(fn: () => T): T;
}

export interface ReencryptOptions {
  /** Count what would change, write nothing. */
  dryRun?: boolean;
  /** Skip rows that cannot be decrypted (they are reported) instead of rolling everything back. */
  continueOnError?: boolean;
}

export interface ReencryptReport {
  activeKeyId: string;
  examined: number;
  reencrypted: number;
  /** Changed by someone else between read and write (compare-and-swap lost); the newer value stands. */
  changedConcurrently: number;
  failed: { purpose: string; reason: string }[];
}

const reasonOf = (err: unknown): string => {
  if (isAppError(err)) {
    const details = err.details as { reason?: unknown } | undefined;
    return typeof details?.reason === 'string' ? details.reason : err.code;
  }
  return 'unexpected_error';
};

/**
 * Re-encrypts every record not under the vault's active key, in one transaction, so a crash or a
 * failure leaves either all rows moved or none (unless `continueOnError`). Run after putting the new
 * key first in TOKEN_ENCRYPTION_KEYS; once it reports zero failures, old keys can be removed.
 */
export function reencryptAll<R extends SealedRecord>(
  vault: TokenVault,
  target: ReencryptTarget<R>,
  options: ReencryptOptions = {},
): ReencryptReport {
  const activeKeyId = vault.activeKeyId;
  return target.transaction(() => {
    const report: ReencryptReport = { activeKeyId, examined: 0, reencrypted: 0, changedConcurrently: 0, failed: [] };
    for (const record of target.listNotUnderKey(activeKeyId)) {
      report.examined += 1;
      let resealed: string;
      try {
        resealed = vault.encrypt(vault.decrypt(record.ciphertext, record.purpose), record.purpose);
      } catch (err) {
        if (!options.continueOnError) throw err;
        report.failed.push({ purpose: record.purpose, reason: reasonOf(err) });
        continue;
      }
      if (options.dryRun) report.reencrypted += 1;
      else if (target.replaceCiphertext(record, resealed, activeKeyId)) report.reencrypted += 1;
      else report.changedConcurrently += 1;
    }
    return report;
  });
}

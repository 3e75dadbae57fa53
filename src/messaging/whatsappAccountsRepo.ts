import { AppError } from '../errors.ts';
import type { Db } from '../db/openDatabase.ts';
import { type WhatsAppSettings, type WhatsAppSettingsInput, WhatsAppSettingsSchema } from './whatsappSettings.ts';

/** All SQL about whatsapp_accounts and whatsapp_phone_numbers (secrets: whatsappSecrets.ts). */

export interface BusinessNumber {
  phoneNumberId: string;
  displayNumber: string;
  label: string | null;
  isDefault: boolean;
  /** reference/whatsapp.md §3: 80 msg/s by default. */
  throughputPerSecond: number;
}

export interface WhatsAppAccount {
  portalId: number;
  provider: 'meta';
  businessAccountId: string;
  settings: WhatsAppSettings;
  numbers: BusinessNumber[];
  createdAt: number;
  updatedAt: number;
}

export interface AccountInput {
  portalId: number;
  businessAccountId: string;
  settings?: WhatsAppSettingsInput;
  numbers: (Pick<BusinessNumber, 'phoneNumberId' | 'displayNumber'> & Partial<BusinessNumber>)[];
}

interface AccountRow {
  portal_id: number;
  provider: 'meta';
  business_account_id: string;
  settings: string;
  created_at: number;
  updated_at: number;
}
interface NumberRow {
  phone_number_id: string;
  portal_id: number;
  display_number: string;
  label: string | null;
  is_default: number;
  throughput_per_second: number;
}

const toNumber = (r: NumberRow): BusinessNumber => ({
  phoneNumberId: r.phone_number_id,
  displayNumber: r.display_number,
  label: r.label,
  isDefault: r.is_default === 1,
  throughputPerSecond: r.throughput_per_second,
});

/** Parses settings, naming the bad field (AppError 'validation'). */
export function parseSettings(input: unknown): WhatsAppSettings {
  const parsed = WhatsAppSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    'validation',
    `WhatsApp settings: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`,
  );
}

export function createWhatsAppAccountsRepo(db: Db) {
  const accountStmt = db.prepare<[number], AccountRow>('SELECT * FROM whatsapp_accounts WHERE portal_id = ?');
  const numbersStmt = db.prepare<[number], NumberRow>(
    'SELECT * FROM whatsapp_phone_numbers WHERE portal_id = ? ORDER BY is_default DESC, phone_number_id',
  );
  const byNumberStmt = db.prepare<[string], NumberRow>(
    'SELECT * FROM whatsapp_phone_numbers WHERE phone_number_id = ?',
  );
  const upsertStmt = db.prepare(`
    INSERT INTO whatsapp_accounts (portal_id, business_account_id, settings, created_at, updated_at)
    VALUES (@portalId, @businessAccountId, @settings, @now, @now)
    ON CONFLICT (portal_id) DO UPDATE SET business_account_id = excluded.business_account_id,
      settings = excluded.settings, updated_at = excluded.updated_at`);
  const clearNumbers = db.prepare('DELETE FROM whatsapp_phone_numbers WHERE portal_id = ?');
  const insertNumber = db.prepare(`
    INSERT INTO whatsapp_phone_numbers (phone_number_id, portal_id, display_number, label, is_default, throughput_per_second)
    VALUES (@phoneNumberId, @portalId, @displayNumber, @label, @isDefault, @throughputPerSecond)`);
  const settingsStmt = db.prepare('UPDATE whatsapp_accounts SET settings = ?, updated_at = ? WHERE portal_id = ?');

  function find(portalId: number): WhatsAppAccount | undefined {
    const row = accountStmt.get(portalId);
    if (!row) return undefined;
    return {
      portalId: row.portal_id,
      provider: row.provider,
      businessAccountId: row.business_account_id,
      settings: parseSettings(JSON.parse(row.settings)),
      numbers: numbersStmt.all(portalId).map(toNumber),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  return {
    find,
    /** Creates or replaces a portal's account and its numbers (the first number is the default unless one says so). */
    save(input: AccountInput, now: number): WhatsAppAccount {
      if (input.numbers.length === 0)
        throw new AppError('validation', 'WhatsApp account: at least one phone number is needed');
      const settings = parseSettings(input.settings ?? {});
      const defaultIndex = Math.max(
        0,
        input.numbers.findIndex((n) => n.isDefault),
      );
      db.transaction(() => {
        upsertStmt.run({ ...input, settings: JSON.stringify(settings), now });
        clearNumbers.run(input.portalId);
        input.numbers.forEach((n, i) => {
          insertNumber.run({
            portalId: input.portalId,
            phoneNumberId: n.phoneNumberId,
            displayNumber: n.displayNumber,
            label: n.label ?? null,
            isDefault: i === defaultIndex ? 1 : 0,
            throughputPerSecond: n.throughputPerSecond ?? 80,
          });
        });
      })();
      return find(input.portalId)!;
    },
    /** Replaces the settings (validated); false when the portal has no account. */
    updateSettings(portalId: number, settings: WhatsAppSettingsInput, now: number): boolean {
      return settingsStmt.run(JSON.stringify(parseSettings(settings)), now, portalId).changes === 1;
    },
    /** The portal a webhook's business number belongs to (Meta phone number ids are global). */
    findByNumber(phoneNumberId: string): { portalId: number; number: BusinessNumber } | undefined {
      const row = byNumberStmt.get(phoneNumberId);
      return row ? { portalId: row.portal_id, number: toNumber(row) } : undefined;
    },
  };
}

export type WhatsAppAccountsRepo = ReturnType<typeof createWhatsAppAccountsRepo>;

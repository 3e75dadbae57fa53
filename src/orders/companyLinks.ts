import type { Db } from '../db/openDatabase.ts';

/**
 * All SQL about the companies Switchboard matched or created for orders, by normalised domain and name.
 * HubSpot search sees a new company only "a few moments" after it was created (reference §3), so the next order
 * for the same customer looks here first instead of creating the company a second time.
 */
export type MatchKind = 'domain' | 'name';

/** `https://www.Northwind.example.com/shop` → `northwind.example.com`. */
export function normalizeDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '');
}

/** Case and spacing do not make a different company: `  Northwind   Traders ` → `northwind traders`. */
export const normalizeName = (raw: string): string => raw.trim().toLowerCase().replace(/\s+/g, ' ');

const normalize = (kind: MatchKind, value: string) =>
  kind === 'domain' ? normalizeDomain(value) : normalizeName(value);

export function createCompanyLinks(db: Db) {
  const find = db.prepare<[number, MatchKind, string], { company_id: string }>(
    'SELECT company_id FROM order_company_links WHERE portal_id = ? AND match_kind = ? AND match_value = ?',
  );
  const upsert = db.prepare(`
    INSERT INTO order_company_links (portal_id, match_kind, match_value, company_id, created, at)
    VALUES (@portalId, @kind, @value, @companyId, @created, @at)
    ON CONFLICT (portal_id, match_kind, match_value) DO UPDATE SET company_id = excluded.company_id, at = excluded.at`);

  return {
    find(portalId: number, kind: MatchKind, value: string): string | undefined {
      const v = normalize(kind, value);
      return v === '' ? undefined : find.get(portalId, kind, v)?.company_id;
    },
    /** Remembers the company under each of its non-empty keys. */
    remember(
      portalId: number,
      companyId: string,
      keys: { domain?: string | null; name?: string | null },
      created: boolean,
      now: Date,
    ) {
      for (const kind of ['domain', 'name'] as const) {
        const raw = keys[kind];
        if (!raw || normalize(kind, raw) === '') continue;
        const params = { portalId, kind, value: normalize(kind, raw), companyId, created: created ? 1 : 0 };
        upsert.run({ ...params, at: now.toISOString() });
      }
    },
  };
}

export type CompanyLinks = ReturnType<typeof createCompanyLinks>;

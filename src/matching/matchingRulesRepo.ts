import type { Db } from '../db/openDatabase.ts';
import { DEFAULT_MATCHING_RULES, MatchingRules } from './matchingRules.ts';

/** Per-portal matching rules (0052_matching.sql); a portal without a row gets the defaults. */
export function createMatchingRulesRepo(db: Db, now: () => number = Date.now) {
  const get = db.prepare<[number], { rules: string }>('SELECT rules FROM matching_rules WHERE portal_id = ?');
  const put = db.prepare(`INSERT INTO matching_rules (portal_id, rules, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (portal_id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at`);

  return {
    get(portalId: number): MatchingRules {
      const row = get.get(portalId);
      // Stored rules were valid when saved; parsing again fills defaults added since.
      return row ? MatchingRules.parse(JSON.parse(row.rules)) : DEFAULT_MATCHING_RULES;
    },
    /** Validates and saves; throws a ZodError naming the field when `rules` is invalid. */
    set(portalId: number, rules: unknown): MatchingRules {
      const parsed = MatchingRules.parse(rules);
      put.run(portalId, JSON.stringify(parsed), now());
      return parsed;
    },
  };
}

export type MatchingRulesRepo = ReturnType<typeof createMatchingRulesRepo>;

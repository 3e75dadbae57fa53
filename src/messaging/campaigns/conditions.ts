import { type Properties, parseHubspotDate } from '../../mapping/templateVariables.ts';
import type { Condition } from './definition.ts';

/**
 * Campaign conditions on a contact (branches and goals). Pure. A property is present when it has a
 * non-blank value: HubSpot clears with "" (CONVENTIONS: presence, not truthiness). `greater_than` compares
 * numbers, or dates when the value is a date (`2026-05-01`).
 */
export interface ConditionFacts {
  properties: Properties;
  /** The contact wrote to us after enrolling. */
  replied: boolean;
}

const present = (v: string | null | undefined): v is string => v !== null && v !== undefined && v.trim() !== '';

export function conditionHolds(condition: Condition, facts: ConditionFacts): boolean {
  if (condition.kind === 'replied') return facts.replied;
  const value = facts.properties[condition.property];
  if (!present(value)) return false;
  switch (condition.kind) {
    case 'exists':
      return true;
    case 'equals':
      return value.trim() === condition.value;
    case 'greater_than':
      return greaterThan(value, condition.value);
  }
}

function greaterThan(value: string, than: number | string): boolean {
  if (typeof than === 'number') {
    const n = Number(value);
    return Number.isFinite(n) && n > than;
  }
  const a = parseHubspotDate(value);
  const b = parseHubspotDate(than);
  if (a && b) return a.at.getTime() > b.at.getTime();
  const n = Number(value);
  const m = Number(than);
  return Number.isFinite(n) && Number.isFinite(m) && n > m;
}

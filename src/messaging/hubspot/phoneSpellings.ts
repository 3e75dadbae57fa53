import { COUNTRY_PLANS, type CountryPlan } from '../../mapping/whatsappPhone.ts';

/**
 * The spellings of an E.164 number worth searching HubSpot for. HubSpot stores `phone`/`mobilephone` as typed, and
 * search compares whole values (IN on strings, reference §3), so "+4915123456701" does not find "015123456701".
 * The shared lookup (src/matching/contactLookup.ts) already asks for the E.164 form and its digits without `+`;
 * this adds the national forms, for the countries whose numbering plan the app knows (COUNTRY_PLANS in
 * src/mapping/whatsappPhone.ts, the inverse of reading a national number with the portal's default country):
 * the national significant number, and the same after the country's trunk prefix ("0151…" in Germany).
 * [M] Numbers of other countries are searched in their international forms only, and numbers typed with spaces,
 * dashes or brackets are not found by any of these — HubSpot documents `hs_searchable_calculated_*` properties for
 * that (§3), whose names are unconfirmed [U] (see contactLookup.ts).
 */
/** Shorter national numbers say too little on their own (the shared matcher's samePhone draws the line at 8 too). */
const MIN_NATIONAL_DIGITS = 8;

function planOf(digits: string): CountryPlan | undefined {
  // ITU calling codes are prefix-free: at most one of the 1-, 2- and 3-digit prefixes is an assigned code.
  for (const length of [1, 2, 3]) {
    const code = digits.slice(0, length);
    const plan = Object.values(COUNTRY_PLANS).find((p) => p.callingCode === code);
    if (plan) return plan;
  }
  return undefined;
}

/**
 * National spellings of `e164` ("+4915123456701" → ["15123456701", "015123456701"]); none for input that is not an
 * E.164 number, for a country the plans do not cover, or for a national part of a length the country does not use
 * or shorter than 8 digits.
 */
export function nationalSpellings(e164: string): string[] {
  const compact = e164.trim().replace(/[\s\-().]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) return [];
  const digits = compact.slice(1);
  const plan = planOf(digits);
  if (!plan) return [];
  const national = digits.slice(plan.callingCode.length);
  const [min, max] = plan.nationalLengths;
  if (national.length < min || national.length > max || national.length < MIN_NATIONAL_DIGITS) return [];
  // NANP's trunk "1" + the national number is the international digits again, which the shared lookup searches.
  const trunk = plan.trunkPrefix && plan.trunkPrefix !== plan.callingCode ? [`${plan.trunkPrefix}${national}`] : [];
  return [national, ...trunk];
}

/**
 * HubSpot phone values → E.164 for WhatsApp (`+16505551234`). `libphonenumber-js` is not installed, so this
 * is a careful, small normaliser, not a numbering-plan database. What it does:
 * - accepts `+<digits>`, `00<digits>` (and `011` for NANP countries) as international; separators
 *   (spaces, dots, dashes, slashes, parentheses) and a trunk `(0)` after the country code are dropped;
 *   extensions (`x12`, `ext. 12`, `#12`) are cut off;
 * - reads a national number with the portal's default country: strips that country's trunk prefix and
 *   checks the national length, for the countries in COUNTRY_PLANS;
 * - checks E.164's limits: at most 15 digits, no leading zero, country code lengths as ITU assigns them
 *   only for the countries it knows (others: 7–15 digits).
 * Limits (documented, not guessed around): it cannot tell a valid number from a plausible one; Argentina's
 * mobile `9`/`15` rewriting, Mexico's legacy `044/045` and `521` forms and Brazil's carrier codes are not
 * rewritten; countries outside COUNTRY_PLANS need numbers written internationally. WhatsApp answers 131026
 * (or 100) for numbers that pass here but do not exist, and eligibility shows that reason.
 */

export interface CountryPlan {
  callingCode: string;
  /** Digits a national number starts with inside the country, dropped in E.164 (e.g. UK `0`, NANP `1`). */
  trunkPrefix?: string;
  /** Allowed national significant number lengths. */
  nationalLengths: [min: number, max: number];
}

/** ITU-T E.164 assignments and national lengths for the markets the app is sold in [M: list, not complete]. */
export const COUNTRY_PLANS: Record<string, CountryPlan> = {
  US: { callingCode: '1', trunkPrefix: '1', nationalLengths: [10, 10] },
  CA: { callingCode: '1', trunkPrefix: '1', nationalLengths: [10, 10] },
  MX: { callingCode: '52', nationalLengths: [10, 10] },
  GB: { callingCode: '44', trunkPrefix: '0', nationalLengths: [9, 10] },
  IE: { callingCode: '353', trunkPrefix: '0', nationalLengths: [7, 9] },
  ES: { callingCode: '34', nationalLengths: [9, 9] },
  PT: { callingCode: '351', nationalLengths: [9, 9] },
  FR: { callingCode: '33', trunkPrefix: '0', nationalLengths: [9, 9] },
  DE: { callingCode: '49', trunkPrefix: '0', nationalLengths: [6, 13] },
  IT: { callingCode: '39', nationalLengths: [6, 11] }, // Italy keeps the leading 0 of landlines
  NL: { callingCode: '31', trunkPrefix: '0', nationalLengths: [9, 9] },
  BR: { callingCode: '55', trunkPrefix: '0', nationalLengths: [10, 11] },
  AR: { callingCode: '54', trunkPrefix: '0', nationalLengths: [10, 11] },
  CO: { callingCode: '57', nationalLengths: [10, 10] },
  CL: { callingCode: '56', nationalLengths: [9, 9] },
  PE: { callingCode: '51', nationalLengths: [8, 9] },
  IN: { callingCode: '91', trunkPrefix: '0', nationalLengths: [10, 10] },
};

export type PhoneResult =
  | { ok: true; e164: string }
  | { ok: false; reason: 'empty' | 'not_a_number' | 'needs_country_code' | 'wrong_length'; message: string };

const E164_MAX = 15;
const E164_MIN = 7; // the shortest numbers in service (e.g. +683 xxxx)

/** Normalises one phone value to E.164, reading national numbers with `defaultCountry` (ISO 3166 alpha-2). */
export function normalizePhone(raw: string | null | undefined, defaultCountry?: string): PhoneResult {
  const text = (raw ?? '').trim().replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, '');
  if (text === '') return fail('empty', 'no phone number');
  if (!/^\+?[\d\s().\-/]+$/.test(text)) return fail('not_a_number', `"${raw}" is not a phone number`);
  const plan = defaultCountry ? COUNTRY_PLANS[defaultCountry.toUpperCase()] : undefined;
  const international = internationalDigits(text, plan);
  if (international !== undefined) return checkInternational(international);
  if (!plan) {
    return fail('needs_country_code', `"${raw}" has no country code and the portal has no default country`);
  }
  return nationalToE164(text.replace(/\D/g, ''), plan, raw ?? '');
}

/** The digits after the international prefix, or undefined for a national number. */
function internationalDigits(text: string, plan: CountryPlan | undefined): string | undefined {
  // "+44 (0)20 7946 0958": the (0) is the trunk prefix written for national callers.
  const cleaned = text.replace(/^(\+\d{1,3})\s*\(0\)/, '$1');
  const digits = cleaned.replace(/\D/g, '');
  if (cleaned.startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (plan?.callingCode === '1' && digits.startsWith('011')) return digits.slice(3);
  return undefined;
}

function checkInternational(digits: string): PhoneResult {
  if (digits.startsWith('0')) return fail('not_a_number', 'a country code never starts with 0');
  if (digits.length < E164_MIN || digits.length > E164_MAX) {
    return fail('wrong_length', `+${digits} has ${digits.length} digits; E.164 numbers have ${E164_MIN}–${E164_MAX}`);
  }
  const known = Object.values(COUNTRY_PLANS).find((p) => digits.startsWith(p.callingCode));
  if (known && !lengthFits(digits.length - known.callingCode.length, known)) {
    return fail('wrong_length', `+${digits} does not have the length of a +${known.callingCode} number`);
  }
  return { ok: true, e164: `+${digits}` };
}

function nationalToE164(digits: string, plan: CountryPlan, raw: string): PhoneResult {
  let national = digits;
  const trunk = plan.trunkPrefix;
  if (trunk && national.startsWith(trunk) && lengthFits(national.length - trunk.length, plan)) {
    national = national.slice(trunk.length);
  }
  if (!lengthFits(national.length, plan)) {
    return fail('wrong_length', `"${raw}" does not have the length of a +${plan.callingCode} national number`);
  }
  return checkInternational(`${plan.callingCode}${national}`);
}

const lengthFits = (n: number, plan: CountryPlan) => n >= plan.nationalLengths[0] && n <= plan.nationalLengths[1];

const fail = (reason: Extract<PhoneResult, { ok: false }>['reason'], message: string): PhoneResult => ({
  ok: false,
  reason,
  message,
});

/** HubSpot's contact phone properties, best for WhatsApp first: WhatsApp lives on mobiles. */
export const PHONE_PROPERTIES = ['mobilephone', 'phone'] as const;

/**
 * The contact's WhatsApp number: the first of `mobilephone`, `phone` that normalises. When none does, the
 * failure of the first non-empty one explains why (an empty value is absent: HubSpot clears with "").
 */
export function contactWhatsAppNumber(
  properties: Record<string, string | null | undefined>,
  defaultCountry?: string,
): PhoneResult & { property?: (typeof PHONE_PROPERTIES)[number] } {
  let firstFailure: PhoneResult | undefined;
  for (const property of PHONE_PROPERTIES) {
    const result = normalizePhone(properties[property], defaultCountry);
    if (result.ok) return { ...result, property };
    if (result.reason !== 'empty') firstFailure ??= result;
  }
  return firstFailure ?? fail('empty', 'the contact has no mobile phone or phone number');
}

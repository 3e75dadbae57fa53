/**
 * One normal form per identifier, so "Ann.Lee@ACME.com " typed by a platform and "ann.lee@acme.com" stored in
 * HubSpot are the same key locally and in search filters. HubSpot matches string filters case-insensitively,
 * but IN/NOT_IN on strings needs lower-case values (reference §3) — another reason to lower-case here.
 */

/** Someone to find in the CRM: a session participant, a WhatsApp sender, an order's customer. */
export interface Person {
  name?: string;
  email?: string;
  phone?: string;
  /** Company name as the source knows it (used as the name of a company we create). */
  company?: string;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The part after the last `@`, or undefined when there is none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = normalizeDomain(email.slice(at + 1));
  return domain === '' ? undefined : domain;
}

/** `https://www.Acme.com/about` → `acme.com`. */
export function normalizeDomain(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

/** Case, accents' composition and inner spacing do not tell two people apart. */
export const normalizeName = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * HubSpot has `firstname` and `lastname`; a full name is split at the first space [M]: "Ann Marie Lee" →
 * ("Ann", "Marie Lee"). A single word is a first name.
 */
export function splitName(name: string): { firstname: string; lastname: string } {
  const clean = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  const space = clean.indexOf(' ');
  if (space < 0) return { firstname: clean, lastname: '' };
  return { firstname: clean.slice(0, space), lastname: clean.slice(space + 1) };
}

/** Digits only, keeping a leading `+`: "+49 (151) 234-567" → "+49151234567". */
export function normalizePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/**
 * Two phone numbers are the same line when their digits agree, or one ends with the other and the shorter
 * still has 8+ digits (a national number vs. the same number with country code) [M].
 */
export function samePhone(a: string, b: string): boolean {
  const x = a.replace(/\D/g, '');
  const y = b.replace(/\D/g, '');
  if (x === '' || y === '') return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short === long || (short.length >= 8 && long.endsWith(short));
}

/** Local memory keys: `email:…`, `name:…`, `phone:…` for contacts, `domain:…` for companies. */
export const keys = {
  email: (email: string) => `email:${normalizeEmail(email)}`,
  name: (name: string) => `name:${normalizeName(name)}`,
  phone: (phone: string) => `phone:${normalizePhone(phone).replace(/^\+/, '')}`,
  domain: (domain: string) => `domain:${normalizeDomain(domain)}`,
};

/** The person with every identifier normalized; empty strings become absent. */
export function normalizePerson(p: Person): Person {
  const out: Person = {};
  if (p.name?.trim()) out.name = p.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (p.email?.trim()) out.email = normalizeEmail(p.email);
  if (p.phone?.trim() && normalizePhone(p.phone).replace('+', '') !== '') out.phone = normalizePhone(p.phone);
  if (p.company?.trim()) out.company = p.company.trim();
  return out;
}

/**
 * The key that identifies a person when we create them: email first (HubSpot itself dedupes contacts by
 * email, reference §2 "unique contact email"), then name, then phone. Undefined: nothing to create from.
 */
export function identityKey(p: Person): string | undefined {
  if (p.email) return keys.email(p.email);
  if (p.name) return keys.name(p.name);
  if (p.phone) return keys.phone(p.phone);
  return undefined;
}

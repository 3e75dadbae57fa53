/**
 * Mailbox providers whose domain says nothing about a person's employer: a participant writing from
 * gmail.com must not be matched to, or create, a company "gmail.com". Data, not logic — extend the list
 * (or pass extra domains through the portal's matching rules) rather than adding special cases.
 * [M] Our own list; HubSpot keeps a similar one for its "create companies from email domains" setting
 * but does not publish it in the API reference.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  // Global providers
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.de',
  'hotmail.fr',
  'live.com',
  'live.de',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.de',
  'yahoo.fr',
  'ymail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'zoho.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'gmx.at',
  'gmx.ch',
  'web.de',
  't-online.de',
  'freenet.de',
  'posteo.de',
  'mailbox.org',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'fastmail.com',
  'hey.com',
  'tutanota.com',
];

const DEFAULT_SET = new Set(FREE_MAIL_DOMAINS);

/** Whether `domain` (already normalized: lower case, no `www.`) belongs to a free-mail provider. */
export function isFreeMailDomain(domain: string, extra: readonly string[] = []): boolean {
  return DEFAULT_SET.has(domain) || extra.includes(domain);
}

/**
 * Keyword matching for inbound WhatsApp text (issue 7 §7). There is no carrier STOP on WhatsApp, and people
 * write "Stop", "stop!", "BAJA." or "cancelár" (reference/whatsapp.md §3 [YC-optout]): matching ignores case,
 * accents, surrounding spaces and punctuation or emoji. Opt-out/opt-in keywords must be the whole message,
 * so "please don't stop the delivery" is not an opt-out; routing keywords may appear anywhere as words.
 */

/** Upper case, accents and marks removed, words separated by single spaces, nothing else. */
export function normalizeKeywordText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The keyword the whole message is (after normalising both), if any. */
export function wholeMessageKeyword(text: string, keywords: readonly string[]): string | undefined {
  const said = normalizeKeywordText(text);
  if (said === '') return undefined;
  return keywords.find((k) => normalizeKeywordText(k) === said);
}

/** The first keyword found as a whole word or phrase in the message, if any. */
export function containedKeyword(text: string, keywords: readonly string[]): string | undefined {
  const said = ` ${normalizeKeywordText(text)} `;
  return keywords.find((k) => {
    const word = normalizeKeywordText(k);
    return word !== '' && said.includes(` ${word} `);
  });
}

import { z } from 'zod';

/**
 * A portal's matching rules (set on the app settings page, issue 8 §2). Data with defaults: a portal that never
 * saved rules gets DEFAULT_MATCHING_RULES.
 * - `primary`: which identifiers may match an existing contact, tried in this order;
 * - `onNoMatch`: create the contact, skip the person, or use one default contact;
 * - `companies`: find the company by the email's domain (free-mail domains never count), create it if allowed.
 */
export const MatchRule = z.enum(['email', 'fullName', 'phone', 'companyDomain']);
export type MatchRule = z.infer<typeof MatchRule>;

export const NoMatchAction = z.enum(['create', 'skip', 'defaultContact']);
export type NoMatchAction = z.infer<typeof NoMatchAction>;

export const MatchingRules = z
  .object({
    primary: z
      .array(MatchRule)
      .min(1, { error: 'name at least one rule' })
      .refine((r) => new Set(r).size === r.length, { error: 'a rule may appear only once' })
      .default(['email']),
    onNoMatch: NoMatchAction.default('create'),
    /** The contact to use when nothing matched and `onNoMatch` is `defaultContact`. */
    defaultContactId: z.string().regex(/^\d+$/, { error: 'must be a HubSpot record id' }).optional(),
    /** A contact is created only from an email unless this is turned off (name-only contacts are hard to dedupe). */
    requireEmailToCreate: z.boolean().default(true),
    companies: z
      .object({
        matchByEmailDomain: z.boolean().default(true),
        createIfMissing: z.boolean().default(true),
        /** More free-mail domains for this portal (a regional provider). */
        extraFreeMailDomains: z.array(z.string().toLowerCase()).default([]),
      })
      .prefault({}),
  })
  .refine((r) => r.onNoMatch !== 'defaultContact' || r.defaultContactId !== undefined, {
    error: 'required when onNoMatch is defaultContact',
    path: ['defaultContactId'],
  });
export type MatchingRules = z.infer<typeof MatchingRules>;

export const DEFAULT_MATCHING_RULES: MatchingRules = MatchingRules.parse({});

import { z } from 'zod';

/**
 * How one portal wants WhatsApp messaging to behave (issue 7 §1, §7, §8): language, default country for
 * phone numbers, business hours in the portal's time zone, opt-out/opt-in keywords and keyword routing.
 * Stored as JSON in whatsapp_accounts.settings and parsed here, so a bad value is refused with the field named.
 */

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Opening windows per ISO weekday (1 = Monday … 7 = Sunday); several per day allowed, none overnight [M]. */
export const BusinessHoursSchema = z.object({
  timeZone: z.string().refine(isTimeZone, 'is not an IANA time zone (e.g. Europe/Madrid)'),
  windows: z
    .array(z.object({ day: z.number().int().min(1).max(7), open: Time, close: Time }))
    .refine((ws) => ws.every((w) => w.open < w.close), 'each window must open before it closes'),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

export const TEAMS = ['sales', 'support', 'billing', 'other'] as const;
export type Team = (typeof TEAMS)[number];

/** Keyword routing (issue 7 §7): a matched rule routes the conversation and may open a ticket with the message. */
export const RoutingRuleSchema = z.object({
  id: z.string().min(1),
  team: z.enum(TEAMS),
  keywords: z.array(z.string().min(1)).min(1),
  assignTo: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('owner'), ownerId: z.string().min(1) }),
      z.object({ kind: z.literal('team'), teamId: z.string().min(1) }),
    ])
    .optional(),
  createTicket: z.boolean().default(false),
  ticket: z.object({ pipeline: z.string().min(1), stage: z.string().min(1) }).optional(),
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

const WEEKDAYS_9_TO_6 = [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' }));

/** Issue 7 §7: STOP, UNSUBSCRIBE, BAJA, CANCELAR by default, configurable. */
export const DEFAULT_OPT_OUT_KEYWORDS = ['STOP', 'UNSUBSCRIBE', 'BAJA', 'CANCELAR'];

export const WhatsAppSettingsSchema = z.object({
  defaultLanguage: z.string().min(2).default('en_US'),
  /** ISO 3166 alpha-2; reads national phone numbers (src/mapping/whatsappPhone.ts). */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  // [M] Weekdays 09:00–18:00 in UTC until the admin sets the portal's zone.
  businessHours: BusinessHoursSchema.default({ timeZone: 'UTC', windows: WEEKDAYS_9_TO_6 }),
  optOutKeywords: z.array(z.string().min(1)).min(1).default(DEFAULT_OPT_OUT_KEYWORDS),
  /** Empty: opting back in by keyword is off. */
  optInKeywords: z.array(z.string().min(1)).default(['START']),
  /**
   * Quick-reply payloads or labels that opt out of marketing only (reference §3: own payloads such as
   * STOP_PROMOS; Meta's "Stop promotions" button [M label]). Meta's example "Unsubscribe" is a keyword.
   */
  marketingOptOutPayloads: z.array(z.string().min(1)).default(['STOP_PROMOS', 'Stop promotions']),
  optOutConfirmation: z
    .string()
    .min(1)
    .max(4096)
    .default('You will no longer receive WhatsApp messages from us. Reply START to subscribe again.'),
  optInConfirmation: z.string().min(1).max(4096).default('You are subscribed to our WhatsApp messages again.'),
  routingRules: z.array(RoutingRuleSchema).default([]),
});

export type WhatsAppSettings = z.output<typeof WhatsAppSettingsSchema>;
export type WhatsAppSettingsInput = z.input<typeof WhatsAppSettingsSchema>;

/** The settings a new portal starts with. */
export const defaultWhatsAppSettings = (): WhatsAppSettings => WhatsAppSettingsSchema.parse({});

import { z } from 'zod';
import { type WhatsAppSettings, WhatsAppSettingsSchema } from '../whatsappSettings.ts';

/**
 * A PATCH of a portal's WhatsApp settings: only the fields given change. Built from the settings schema with
 * each default removed, because `.partial()` keeps defaults in zod 4 (`partial().parse({})` fills every default,
 * so a PATCH of one field would reset all the others). Strict, so a misspelt field is refused, not ignored.
 * `defaultCountry: null` clears the default country.
 */
const shape = WhatsAppSettingsSchema.shape;

export const WhatsAppSettingsPatch = z
  .object({
    defaultLanguage: shape.defaultLanguage.unwrap().optional(),
    defaultCountry: shape.defaultCountry.unwrap().nullable().optional(),
    businessHours: shape.businessHours.unwrap().optional(),
    optOutKeywords: shape.optOutKeywords.unwrap().optional(),
    optInKeywords: shape.optInKeywords.unwrap().optional(),
    marketingOptOutPayloads: shape.marketingOptOutPayloads.unwrap().optional(),
    optOutConfirmation: shape.optOutConfirmation.unwrap().optional(),
    optInConfirmation: shape.optInConfirmation.unwrap().optional(),
    routingRules: shape.routingRules.unwrap().optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one setting to change');
export type WhatsAppSettingsPatch = z.output<typeof WhatsAppSettingsPatch>;

/** The settings after the patch: given fields replace, absent ones stay, null clears the default country. */
export function applySettingsPatch(current: WhatsAppSettings, patch: WhatsAppSettingsPatch): WhatsAppSettings {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as WhatsAppSettings;
}

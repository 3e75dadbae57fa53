/**
 * React UI extensions: card (reference §2.1), settings (§6) and the 2025.2 app home page (§6, last bullet).
 * Entrypoint files and their folder's package.json are checked in rules/entrypointRules.ts.
 */
import { z } from 'zod';

/** [C] A path from srcDir starting with /app/ (hpc card template). */
const entrypoint = z
  .string()
  .regex(
    /^\/app\/.+\.(tsx|jsx|ts|js)$/,
    'must be a path from srcDir starting with /app/ and ending in .tsx/.jsx/.ts/.js',
  );

/** [D] Exactly one of these (docs app-cards/reference). */
export const CARD_LOCATIONS = ['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'] as const;

/**
 * [C][D] Lowercase plural, as the docs and the component template write them; the get-started template's
 * `CONTACT` is the odd one out (reference §2.1, §9.7). [M] Custom/app objects are left out until we need them.
 */
export const CARD_OBJECT_TYPES = ['contacts', 'companies', 'deals', 'tickets'] as const;

export const cardConfigSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  location: z.enum(CARD_LOCATIONS),
  entrypoint,
  objectTypes: z.array(z.enum(CARD_OBJECT_TYPES)).min(1, 'must list at least one object type'),
  // [D] png/jpeg/jpg/gif, at most 5 MB (size is not checked here).
  previewImage: z
    .strictObject({
      file: z.string().regex(/\.(png|jpe?g|gif)$/i, 'must be a .png, .jpg, .jpeg or .gif file'),
      altText: z.string().min(1),
    })
    .optional(),
});

export const settingsConfigSchema = z.strictObject({ entrypoint });

/** [C] 2025.2 page = app home (`location: "home"`). 2026.03 multi-page "pages" drops `location`; revisit then. */
export const pageConfigSchema = z.strictObject({ entrypoint, location: z.enum(['home']) });

export type CardConfig = z.output<typeof cardConfigSchema>;

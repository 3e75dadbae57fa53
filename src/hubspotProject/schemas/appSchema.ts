/**
 * `app` component config for platform 2025.2 — reference §1.3 (template
 * hpc/2025.2/components/app/oauth-marketplace/src/app/app-hsmeta.json, docs build-apps/app-configuration).
 * Cross-field rules (marketplace → oauth, URL schemes, scopes per feature) live in rules/appRules.ts.
 */
import { z } from 'zod';

// Scope names look like `crm.objects.contacts.read`, `timeline`, `e-commerce`.
const scope = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'must be a scope name such as crm.objects.contacts.read');
const urlList = z.array(z.string().min(1));

export const appConfigSchema = z.strictObject({
  // [D] name ≤ 200 chars without leading/trailing whitespace; description ≤ 8192 chars.
  name: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => s.trim() === s, 'must not start or end with whitespace'),
  description: z.string().min(1).max(8192),
  distribution: z.enum(['marketplace', 'private']),
  auth: z.strictObject({
    type: z.enum(['oauth', 'static']),
    redirectUrls: urlList.optional(),
    requiredScopes: z.array(scope),
    optionalScopes: z.array(scope).optional(),
    conditionallyRequiredScopes: z.array(scope).optional(),
  }),
  permittedUrls: z
    .strictObject({
      fetch: urlList.optional(),
      iframe: urlList.optional(),
      img: urlList.optional(),
    })
    .optional(),
  // [M] Which support fields HubSpot requires is not documented in the reference; the template sets all four.
  support: z
    .strictObject({
      supportEmail: z.email('must be an email address'),
      documentationUrl: z.url('must be an absolute URL').optional(),
      supportUrl: z.url('must be an absolute URL').optional(),
      supportPhone: z.string().min(1).optional(),
    })
    .optional(),
});

export type AppConfig = z.output<typeof appConfigSchema>;

/**
 * The envelope every *-hsmeta.json shares. Only these top-level keys are allowed (reference §1.1;
 * project-parsing-lib `ALLOWED_TOP_LEVEL_FIELDS`). uid format and uniqueness are project rules, not shape.
 */
import { z } from 'zod';

/** reference §1.1; project-parsing-lib `ALLOWED_TOP_LEVEL_FIELDS`. */
export const TOP_LEVEL_KEYS = ['uid', 'type', 'config', 'dependencies', 'permissions'];

const scopeList = z.array(z.string().min(1));

/** Loose on purpose: unknown top-level keys are reported by parseEnvelope without dropping the component. */
export const metafileSchema = z.object({
  uid: z.string(),
  type: z.string(),
  config: z.record(z.string(), z.unknown()),
  dependencies: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  // Accepted by the lib only from platform 2026.09-beta (validation.js); rules/placementRules.ts enforces that.
  permissions: z
    .strictObject({
      requiredScopes: scopeList.optional(),
      optionalScopes: scopeList.optional(),
      conditionallyRequiredScopes: scopeList.optional(),
    })
    .optional(),
});

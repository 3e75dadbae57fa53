/**
 * `app-event` (timeline event type) config — reference §3.1 (hpc/2025.2/components/app-events template).
 * The `timeline` scope and marketplace/OAuth requirements are project rules (rules/appRules.ts).
 */
import { z } from 'zod';

/**
 * [C] Templates write `CONTACT` (app-events/) and `contact` (app-event/); accept both spellings of the standard
 * objects. [M] Whether companies/deals/tickets are all allowed is not confirmed.
 */
const STANDARD_OBJECTS = ['CONTACT', 'COMPANY', 'DEAL', 'TICKET'];

const option = z.strictObject({ value: z.string().min(1), label: z.string().min(1) });

const property = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and use letters, digits or _'),
    label: z.string().min(1),
    // [C] string/enumeration in the template; [M] number/date from the legacy v3 token types (reference §3.1).
    type: z.enum(['string', 'number', 'date', 'enumeration']),
    options: z.array(option).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.type === 'enumeration' && !p.options?.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'an enumeration property needs at least one option' });
    }
    if (p.type !== 'enumeration' && p.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only enumeration properties take options' });
    }
  });

export const appEventConfigSchema = z.strictObject({
  name: z.string().min(1),
  objectType: z
    .string()
    .refine((t) => STANDARD_OBJECTS.includes(t.toUpperCase()), `must be one of ${STANDARD_OBJECTS.join(', ')}`),
  headerTemplate: z.string().min(1),
  detailTemplate: z.string().optional(),
  properties: z.array(property).optional(),
});

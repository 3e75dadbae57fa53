import { z } from 'zod';

/**
 * Where each WhatsApp template variable (`{{1}}`, `{{2}}`…) gets its value: a contact property, a deal
 * property or static text, with a fallback for empty values (issue 7 §2). Mapping is data (DESIGN): a zod
 * schema for what admins save, and one pure resolver used by the card preview, the workflow action and
 * campaigns alike.
 */

export const VariableSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('contact'), property: z.string().min(1) }),
  z.object({ from: z.literal('deal'), property: z.string().min(1) }),
  z.object({ from: z.literal('static'), text: z.string().min(1) }),
]);

export const VariableFormatSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text') }),
  /** HubSpot date (`2026-03-15`), datetime (ISO) or epoch-ms value, written out for the template's locale. */
  z.object({ kind: z.literal('date') }),
  z.object({ kind: z.literal('money'), currency: z.string().regex(/^[A-Z]{3}$/) }),
]);

export const VariableMappingSchema = z.object({
  position: z.number().int().min(1),
  source: VariableSourceSchema,
  /** Used when the source is empty ("" counts as empty: HubSpot clears a property with ""). */
  fallback: z.string().min(1).optional(),
  format: VariableFormatSchema.optional(),
});

export const TemplateVariablesSchema = z
  .array(VariableMappingSchema)
  .refine((list) => new Set(list.map((v) => v.position)).size === list.length, 'each position is mapped once');

/** Placeholders of a template text: `{{1}}`, `{{2}}`… (positional; named ones are not supported yet). */
export function placeholderCount(text: string): number {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1])).size;
}

/** `{{n}}` with optional spaces inside the braces; group 1 is n. */
export const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

export type VariableSource = z.infer<typeof VariableSourceSchema>;
export type VariableMapping = z.infer<typeof VariableMappingSchema>;
export type Properties = Record<string, string | null | undefined>;

export type ResolvedVariable =
  | { position: number; value: string; via: 'source' | 'fallback' | 'override' }
  | { position: number; missing: string };

export interface ResolveInput {
  parameterCount: number;
  mapping: VariableMapping[];
  contact: Properties;
  deal?: Properties;
  /** Values typed by the rep or given to the workflow action, by position: they win over the mapping. */
  overrides?: Record<number, string>;
  /** Template language (`en_US`, `es`) → locale for dates and money. */
  language?: string;
  timeZone?: string;
}

export interface Resolution {
  variables: ResolvedVariable[];
  /** Every value in position order, when all resolved; undefined otherwise. */
  values?: string[];
}

/** Resolves every variable of a template; unresolvable ones say why. */
export function resolveTemplateVariables(input: ResolveInput): Resolution {
  const variables: ResolvedVariable[] = [];
  for (let position = 1; position <= input.parameterCount; position++) {
    variables.push(resolveOne(position, input));
  }
  const values = variables.map((v) => ('value' in v ? v.value : undefined));
  return values.every((v) => v !== undefined) ? { variables, values: values as string[] } : { variables };
}

function resolveOne(position: number, input: ResolveInput): ResolvedVariable {
  const override = clean(input.overrides?.[position]);
  if (override) return { position, value: override, via: 'override' };
  const mapping = input.mapping.find((m) => m.position === position);
  if (!mapping) return { position, missing: `{{${position}}} is not mapped` };
  const raw = sourceValue(mapping.source, input);
  const formatted = raw === undefined ? undefined : format(raw, mapping.format, input);
  const value = clean(formatted);
  if (value) return { position, value, via: 'source' };
  if (mapping.fallback) return { position, value: clean(mapping.fallback) ?? mapping.fallback, via: 'fallback' };
  return {
    position,
    missing: `{{${position}}} is empty: ${describeSource(mapping.source)} has no value and no fallback`,
  };
}

function sourceValue(source: VariableSource, input: ResolveInput): string | undefined {
  if (source.from === 'static') return source.text;
  const record = source.from === 'contact' ? input.contact : input.deal;
  return record?.[source.property] ?? undefined;
}

/** Human name of a source, for reasons shown to the rep. */
export function describeSource(source: VariableSource): string {
  return source.from === 'static' ? 'the static text' : `the ${source.from} property "${source.property}"`;
}

/**
 * Meta refuses text parameters with new lines, tabs or more than 4 spaces in a row [U: error 132018, not in
 * the reference]; values are written on one line with single spaces.
 */
function clean(value: string | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

function format(raw: string, fmt: VariableMapping['format'], input: ResolveInput): string | undefined {
  if (!fmt || fmt.kind === 'text' || raw.trim() === '') return raw;
  const locale = localeOf(input.language);
  if (fmt.kind === 'money') {
    const amount = Number(raw);
    if (!Number.isFinite(amount)) return undefined;
    return new Intl.NumberFormat(locale, { style: 'currency', currency: fmt.currency }).format(amount);
  }
  const date = parseHubspotDate(raw);
  if (!date) return undefined;
  // A date-only value is midnight UTC: written in UTC so the day does not move with the portal's zone.
  const timeZone = date.dateOnly ? 'UTC' : (input.timeZone ?? 'UTC');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date.at);
}

/** `2026-03-15`, an ISO datetime, or epoch milliseconds (older HubSpot APIs). */
export function parseHubspotDate(raw: string): { at: Date; dateOnly: boolean } | undefined {
  const text = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return valid(new Date(`${text}T00:00:00Z`), true);
  if (/^\d{10,14}$/.test(text)) return valid(new Date(Number(text)), false);
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return valid(new Date(text), false);
  return undefined;
}

const valid = (at: Date, dateOnly: boolean) => (Number.isNaN(at.getTime()) ? undefined : { at, dateOnly });

function localeOf(language: string | undefined): string {
  const tag = (language ?? 'en').replace('_', '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

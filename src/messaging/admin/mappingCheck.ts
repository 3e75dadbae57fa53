import type { Problem } from '@switchboard/contract';
import type { VariableMapping } from '../../mapping/templateVariables.ts';
import type { KnownField } from './adminDeps.ts';

/**
 * Checks a template's variable mapping against the template and the portal's discovered properties. Pure.
 * Errors refuse the save: a position the template does not have, or a property that does not exist and has no
 * fallback (the template could never be filled). Warnings are answered with the save: a missing property that
 * has a fallback (it will always show the fallback), a format that does not suit the property's type, positions
 * left unmapped, and properties that could not be checked because nothing was discovered yet.
 */
export interface MappingCheckInput {
  template: { name: string; parameterCount: number };
  mapping: VariableMapping[];
  fields: { contacts: KnownField[]; deals: KnownField[] };
}

export interface MappingCheck {
  errors: Problem[];
  warnings: Problem[];
}

const FORMAT_TYPES: Record<string, string[]> = { date: ['date', 'datetime'], money: ['number'] };

function checkOne(m: VariableMapping, i: number, input: MappingCheckInput, out: MappingCheck): void {
  const at = `body.mapping.${i}`;
  const { name, parameterCount } = input.template;
  if (m.position > parameterCount) {
    const message = `{{${m.position}}} does not exist in ${name} (it has ${parameterCount} variables)`;
    out.errors.push({ field: `${at}.position`, message });
  }
  const { source } = m;
  if (source.from === 'static') return;
  const known = source.from === 'contact' ? input.fields.contacts : input.fields.deals;
  const what = `${source.from} property "${source.property}"`;
  const field = `${at}.source.property`;
  if (known.length === 0) {
    out.warnings.push({ field, message: `${what} was not checked: no ${source.from} properties are discovered yet` });
    return;
  }
  const property = known.find((f) => f.name === source.property);
  if (!property) {
    const always = `${what} does not exist: {{${m.position}}} will always show the fallback`;
    if (m.fallback) out.warnings.push({ field, message: always });
    else out.errors.push({ field, message: `${what} does not exist in this portal (refresh the fields if it is new)` });
    return;
  }
  const suits = m.format ? FORMAT_TYPES[m.format.kind] : undefined;
  if (m.format && suits && !suits.includes(property.type)) {
    const message = `${what} holds ${property.type} values; a ${m.format.kind} format needs ${suits.join(' or ')}`;
    out.warnings.push({ field: `${at}.format`, message });
  }
}

/** Every problem with the mapping (see above). */
export function checkTemplateMapping(input: MappingCheckInput): MappingCheck {
  const out: MappingCheck = { errors: [], warnings: [] };
  input.mapping.forEach((m, i) => {
    checkOne(m, i, input, out);
  });
  for (const position of unmappedPositions(input.template.parameterCount, input.mapping)) {
    const message = `{{${position}}} is not mapped: reps must type it, and workflows and campaigns cannot send ${input.template.name}`;
    out.warnings.push({ field: 'body.mapping', message });
  }
  return out;
}

/** Positions 1…parameterCount that have no mapping. */
export function unmappedPositions(parameterCount: number, mapping: Pick<VariableMapping, 'position'>[]): number[] {
  const mapped = new Set(mapping.map((m) => m.position));
  return Array.from({ length: parameterCount }, (_, i) => i + 1).filter((p) => !mapped.has(p));
}

import type { OrderFieldMapping } from './orderFields.ts';
import { type Converted, fromHubspot, parseTyped } from './orderValues.ts';

/**
 * Applies a portal's mapping to a deal and its company: one canonical value per order field, keyed by the field
 * (`name`, `value`, `customer.domain`, `custom.po_number`, …), plus the reasons an order cannot be made from them.
 * Pure; HubSpot's shape stays at the edge (values are the property strings HubSpot returned).
 */
export type OrderFieldValues = Record<string, string | null>;
export type HubspotProperties = Readonly<Record<string, string | null | undefined>>;

export interface FieldIssue {
  field: string;
  message: string;
}

export interface MappingContext {
  /** HubSpot deal stage id → order status (issue 6: "deal stage → status"). */
  stageStatus: Readonly<Record<string, string>>;
  /** The lifecycle's first status, for stages the table does not name. */
  initialStatus: string;
  /** Used when the currency field has no value (single-currency portals have no deal_currency_code). */
  defaultCurrency: string | null;
}

export interface MappedOrder {
  values: OrderFieldValues;
  status: string;
  issues: FieldIssue[];
}

/** The order status a deal in `stageId` starts with. */
export function statusForStage(ctx: MappingContext, stageId: string | null | undefined): string {
  return (stageId ? ctx.stageStatus[stageId] : undefined) ?? ctx.initialStatus;
}

const propertyWord = (m: OrderFieldMapping) => (m.source === 'deal' ? m.property : `company ${m.property}`);

function missingMessage(m: OrderFieldMapping, hasCompany: boolean): string {
  if (m.source === 'company' && !hasCompany) {
    return `the deal has no company and \`${m.field}\` is required by the mapping`;
  }
  const owner = m.source === 'deal' ? 'deal' : 'company';
  return `${owner} has no ${m.property} and \`${m.field}\` is required by the mapping`;
}

function readOne(m: OrderFieldMapping, deal: HubspotProperties, company: HubspotProperties | null): Converted {
  const source = m.source === 'deal' ? deal : company;
  return fromHubspot(m.kind, source?.[m.property]);
}

/** Reads every mapped field; a value HubSpot holds that does not fit the field is an issue naming both. */
export function readMappedValues(
  mapping: readonly OrderFieldMapping[],
  deal: HubspotProperties,
  company: HubspotProperties | null,
): { values: OrderFieldValues; issues: FieldIssue[] } {
  const values: OrderFieldValues = {};
  const issues: FieldIssue[] = [];
  for (const m of mapping) {
    const r = readOne(m, deal, company);
    if (r.ok) values[m.field] = r.value;
    else issues.push({ field: m.field, message: `${propertyWord(m)} ${r.message}, so it cannot fill \`${m.field}\`` });
  }
  return { values, issues };
}

/** Applies a rep's edits (card form) over mapped values; each edit is checked against its field's kind. */
export function applyOverrides(
  mapping: readonly OrderFieldMapping[],
  values: OrderFieldValues,
  overrides: Readonly<Record<string, string | null>>,
): { values: OrderFieldValues; issues: FieldIssue[] } {
  const out = { ...values };
  const issues: FieldIssue[] = [];
  for (const [field, raw] of Object.entries(overrides)) {
    const m = mapping.find((x) => x.field === field);
    const r = parseTyped(m?.kind ?? 'text', raw);
    if (r.ok) out[field] = r.value;
    else issues.push({ field, message: r.message });
  }
  return { values: out, issues };
}

/**
 * Deal (+ company) → order values and status, with every reason the order cannot be created yet
 * (e.g. "deal has no amount and `value` is required by the mapping").
 */
export function mapDealToOrder(
  mapping: readonly OrderFieldMapping[],
  sources: { deal: HubspotProperties; company: HubspotProperties | null },
  ctx: MappingContext,
  overrides: Readonly<Record<string, string | null>> = {},
): MappedOrder {
  const read = readMappedValues(mapping, sources.deal, sources.company);
  const edited = applyOverrides(mapping, read.values, overrides);
  const values = edited.values;
  if ((values.currency ?? null) === null && ctx.defaultCurrency) values.currency = ctx.defaultCurrency;
  const overridden = new Set(Object.keys(overrides));
  const issues = [...read.issues.filter((i) => !overridden.has(i.field)), ...edited.issues];
  for (const m of mapping) {
    if (m.required && (values[m.field] ?? null) === null && !issues.some((i) => i.field === m.field)) {
      issues.push({ field: m.field, message: missingMessage(m, sources.company !== null) });
    }
  }
  return { values, status: statusForStage(ctx, sources.deal.dealstage), issues };
}

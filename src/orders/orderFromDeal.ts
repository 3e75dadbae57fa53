import { AppError } from '../errors.ts';
import { type FieldIssue, mapDealToOrder } from '../mapping/applyOrderMapping.ts';
import type { CompanyPlan } from './companyLink.ts';
import { type DealBundle, toOrderContacts, toOrderLineItems } from './dealBundle.ts';
import type { PortalOrderMapping } from './mappingRepo.ts';
import { orderDraft } from './orderFieldAccess.ts';
import type { OrderSettings } from './orderSettings.ts';
import type { NewOrder, OrderSource } from './types.ts';

/**
 * Deal bundle + company plan + mapping → the order to insert, or a `validation` AppError naming every field
 * that keeps the deal from becoming an order (not retryable: the deal must change first).
 */
export interface DraftInput {
  portalId: number;
  bundle: DealBundle;
  plan: CompanyPlan;
  mapping: PortalOrderMapping;
  settings: OrderSettings;
  source: OrderSource;
  overrides?: Readonly<Record<string, string | null>>;
}

/** The company properties the mapping reads: the matched/associated company's, or what a new one will hold. */
function companyProperties(plan: CompanyPlan): Record<string, string | null> | null {
  if (plan.kind === 'associated' || plan.kind === 'matched') return plan.company.properties;
  if (plan.kind === 'create') return { name: plan.name, domain: plan.domain };
  return null;
}

export function draftValidationError(dealId: string, issues: readonly FieldIssue[]): AppError {
  const message = `deal ${dealId} cannot become an order: ${issues.map((i) => i.message).join('; ')}`;
  return new AppError('validation', message, {
    dealId,
    fields: Object.fromEntries(issues.map((i) => [i.field, i.message])),
  });
}

export function draftFromDeal(input: DraftInput): NewOrder {
  const { bundle, settings } = input;
  const ctx = {
    stageStatus: input.mapping.stageStatus,
    initialStatus: settings.lifecycle.initial,
    defaultCurrency: settings.defaultCurrency,
  };
  const company = companyProperties(input.plan);
  const mapped = mapDealToOrder(input.mapping.fields, { deal: bundle.deal.properties, company }, ctx, input.overrides);
  if (mapped.issues.length > 0) throw draftValidationError(bundle.deal.id, mapped.issues);
  // A stage table written for an older lifecycle must not create orders in a status that no longer exists.
  const status = settings.lifecycle.statuses.includes(mapped.status) ? mapped.status : settings.lifecycle.initial;
  return orderDraft({
    portalId: input.portalId,
    dealId: bundle.deal.id,
    values: mapped.values,
    status,
    source: input.source,
    // Only an already associated company is linked now; a matched or new one once the order is claimed.
    companyId: input.plan.kind === 'associated' ? input.plan.company.id : null,
    contacts: toOrderContacts(bundle.contacts),
    lineItems: toOrderLineItems(bundle.lineItems),
  });
}

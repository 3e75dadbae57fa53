import { associate } from '../../../sandbox/hubspot/crm/associationStore.ts';
import { findType } from '../../../sandbox/hubspot/crm/associationTypes.ts';
import { insertRecord, reserveId } from '../../../sandbox/hubspot/crm/records.ts';
import type { Portal, SandboxState } from '../../../sandbox/hubspot/state.ts';

/**
 * Arranges CRM records straight in the sandbox's store (as a rep would have made them before the app ran), so the
 * call log holds only what the code under test did. Factories take overrides; defaults are believable and unique.
 */
export interface DealSpec {
  properties?: Record<string, string>;
  companyId?: string | null;
  /** Also mark the company association as Primary (deal→company type 5, reference §4.2). */
  primary?: boolean;
  contactIds?: string[];
  lineItemIds?: string[];
}

export function crmFactory(state: SandboxState, portal: Portal) {
  let n = 0;
  const write = (type: string, values: Record<string, string>) =>
    insertRecord(state, portal, type, reserveId(portal), values, { changeSource: 'CRM_UI' }).id;
  const link = (fromType: string, fromId: string, toType: string, toId: string, typeId: number) =>
    associate(portal, { type: fromType, id: fromId }, { type: toType, id: toId }, [
      findType(fromType, toType, typeId)!,
    ]);

  return {
    company(props: Record<string, string> = {}): string {
      n += 1;
      return write('companies', {
        name: `Customer ${n} GmbH`,
        domain: `customer-${n}.example.com`,
        phone: '+49 40 1234567',
        ...props,
      });
    },
    contact(props: Record<string, string> = {}): string {
      n += 1;
      return write('contacts', {
        firstname: 'Ada',
        lastname: `Buyer${n}`,
        email: `ada.buyer${n}@customer-${n}.example.com`,
        ...props,
      });
    },
    lineItem(props: Record<string, string> = {}): string {
      return write('line_items', {
        name: 'Pallet rack',
        quantity: '2',
        price: '1200',
        amount: '2400',
        hs_sku: 'PR-1',
        ...props,
      });
    },
    /** A deal (closed won by default) with its associations; HubSpot-defined types in both directions. */
    deal(spec: DealSpec = {}): string {
      n += 1;
      const id = write('deals', {
        dealname: `Order-worthy deal ${n}`,
        pipeline: 'default',
        dealstage: 'closedwon',
        amount: '2400.00',
        closedate: '2026-01-15T10:00:00.000Z',
        ...spec.properties,
      });
      if (spec.companyId) {
        link('deals', id, 'companies', spec.companyId, 341);
        if (spec.primary) link('deals', id, 'companies', spec.companyId, 5);
      }
      for (const c of spec.contactIds ?? []) link('deals', id, 'contacts', c, 3);
      for (const li of spec.lineItemIds ?? []) link('line_items', li, 'deals', id, 20);
      return id;
    },
    /** A closed-won deal with a company, one contact and one line item: the common case. */
    fullDeal(props: Record<string, string> = {}) {
      const companyId = this.company();
      const contactId = this.contact();
      const lineItemId = this.lineItem();
      const dealId = this.deal({
        properties: props,
        companyId,
        primary: true,
        contactIds: [contactId],
        lineItemIds: [lineItemId],
      });
      return { dealId, companyId, contactId, lineItemId };
    },
  };
}

export type CrmFactory = ReturnType<typeof crmFactory>;

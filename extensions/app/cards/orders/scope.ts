import type { CrmContext } from '@hubspot/ui-extensions';

/** HubSpot's object type id for deals: CRM actions (open the deal preview) name objects by it. */
export const DEAL_TYPE_ID = '0-3';

/** Which record the card is on and how to show times: every request names the portal and the record. */
export interface OrdersScope {
  portalId: number;
  /** The contract wants the HubSpot record id as a digit string; context gives a number. */
  recordId: string;
  timeZone: string;
  locale: string | undefined;
}

export function scopeFrom(context: CrmContext): OrdersScope {
  return {
    portalId: context.portal.id,
    recordId: String(context.crm.objectId),
    timeZone: context.portal.timezone,
    locale: context.user.locale,
  };
}

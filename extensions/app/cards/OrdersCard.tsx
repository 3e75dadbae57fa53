import { hubspot, type CrmContext } from '@hubspot/ui-extensions';
import { DealOrder } from './orders/DealOrder.tsx';
import { scopeFrom } from './orders/scope.ts';

interface Props {
  context: CrmContext;
  /** The host's `actions.refreshObjectProperties`; optional so tests and previews can render without it. */
  refreshObjectProperties?: () => void;
}

/**
 * The Order tab on a deal (orders-deal-card-hsmeta.json): its order, or the pre-filled *Create order* form.
 * The company card has its own entry file (OrdersCardCompany.tsx): HubSpot documents one React file per card and
 * builds a bundle per entry file, so two cards never share one; everything below the entry is shared (orders/).
 */
export function OrdersCard({ context, refreshObjectProperties }: Props) {
  return <DealOrder scope={scopeFrom(context)} refreshDeal={refreshObjectProperties ?? (() => {})} />;
}

hubspot.extend<'crm.record.tab'>(({ context, actions }) => (
  <OrdersCard context={context} refreshObjectProperties={actions.refreshObjectProperties} />
));

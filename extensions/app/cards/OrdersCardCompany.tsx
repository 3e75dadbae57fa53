import { hubspot, type CrmContext } from '@hubspot/ui-extensions';
import { CompanyOrders } from './orders/CompanyOrders.tsx';
import { scopeFrom } from './orders/scope.ts';

/** The Orders tab on a company (orders-company-card-hsmeta.json): the company's orders, a page at a time. */
export function OrdersCardCompany({ context }: { context: CrmContext }) {
  return <CompanyOrders scope={scopeFrom(context)} />;
}

hubspot.extend<'crm.record.tab'>(({ context }) => <OrdersCardCompany context={context} />);

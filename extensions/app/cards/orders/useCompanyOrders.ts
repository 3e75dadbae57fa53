import { CompanyOrdersResponse, ORDERS_COMPANY_CARD_PATH } from '@switchboard/contract';
import { callService } from '../lib/serviceClient.ts';
import { type CursorPages, useCursorPages } from '../lib/useCursorPages.ts';
import type { OrdersScope } from './scope.ts';

/** Rows per page: a record tab shows about this many without scrolling past the rest of the card. */
export const PAGE_SIZE = 10;

export type CompanyOrdersPages = CursorPages<CompanyOrdersResponse>;

/** The company's orders, newest first, a page at a time (`before` = the last id of the previous page). */
export function useCompanyOrders(scope: OrdersScope): CompanyOrdersPages {
  const { portalId, recordId: companyId } = scope;
  return useCursorPages<CompanyOrdersResponse, number>({
    key: `${portalId}/${companyId}`,
    load: (before) =>
      callService({
        path: ORDERS_COMPANY_CARD_PATH,
        query: { portalId, companyId, limit: PAGE_SIZE, ...(before === undefined ? {} : { before }) },
        schema: CompanyOrdersResponse,
      }),
    nextCursorOf: (data) => data.nextBefore,
  });
}

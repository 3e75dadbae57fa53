import { CompanyOrdersResponse, ORDERS_COMPANY_CARD_PATH } from '@switchboard/contract';
import { useState } from 'react';
import { callService } from '../lib/serviceClient.ts';
import { type FetchState, useServiceData } from '../lib/useServiceData.ts';
import type { OrdersScope } from './scope.ts';

/** Rows per page: a record tab shows about this many without scrolling past the rest of the card. */
export const PAGE_SIZE = 10;

export interface CompanyOrdersPages {
  state: FetchState<CompanyOrdersResponse>;
  /** 1-based, for "Page 2". */
  page: number;
  hasNewer: boolean;
  hasOlder: boolean;
  newer: () => void;
  older: () => void;
  reload: () => void;
}

/**
 * The company's orders, newest first, a page at a time. The service pages with a cursor (`before` = the last id of
 * the previous page), so going back needs the cursors already used: they are kept as a stack, the first page's
 * being "none".
 */
export function useCompanyOrders(scope: OrdersScope): CompanyOrdersPages {
  const { portalId, recordId: companyId } = scope;
  const [cursors, setCursors] = useState<readonly (number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const { state, reload } = useServiceData(
    () =>
      callService({
        path: ORDERS_COMPANY_CARD_PATH,
        query: { portalId, companyId, limit: PAGE_SIZE, ...(before === undefined ? {} : { before }) },
        schema: CompanyOrdersResponse,
      }),
    `${portalId}/${companyId}/${before ?? 'first'}`,
  );
  const nextBefore = state.status === 'ready' ? state.data.nextBefore : null;

  return {
    state,
    page: cursors.length,
    hasNewer: cursors.length > 1,
    hasOlder: nextBefore !== null,
    newer: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    older: () => {
      if (nextBefore !== null) setCursors((c) => [...c, nextBefore]);
    },
    reload,
  };
}

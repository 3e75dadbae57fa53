import { hubspot, type CrmContext } from '@hubspot/ui-extensions';
import { scopeFrom } from './sessions/scope.ts';
import { SessionsList } from './sessions/SessionsList.tsx';

/**
 * The Conversations tab on a deal (sessions-deal-card-hsmeta.json). HubSpot builds one bundle per entry file, so each
 * object type has its own few lines here; the card itself is shared (sessions/).
 */
export function SessionsCardDeal({ context }: { context: CrmContext }) {
  return <SessionsList scope={scopeFrom(context, 'deal')} />;
}

hubspot.extend<'crm.record.tab'>(({ context }) => <SessionsCardDeal context={context} />);

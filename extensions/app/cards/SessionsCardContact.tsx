import { hubspot, type CrmContext } from '@hubspot/ui-extensions';
import { scopeFrom } from './sessions/scope.ts';
import { SessionsList } from './sessions/SessionsList.tsx';

/**
 * The Conversations tab on a contact (sessions-contact-card-hsmeta.json). HubSpot builds one bundle per entry file, so each
 * object type has its own few lines here; the card itself is shared (sessions/).
 */
export function SessionsCardContact({ context }: { context: CrmContext }) {
  return <SessionsList scope={scopeFrom(context, 'contact')} />;
}

hubspot.extend<'crm.record.tab'>(({ context }) => <SessionsCardContact context={context} />);

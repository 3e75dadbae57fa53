import {
  Button,
  Divider,
  EmptyState,
  Flex,
  LoadingSpinner,
  Text,
  hubspot,
  type CrmContext,
} from '@hubspot/ui-extensions';
import {
  type ConsentState,
  type ConversationMessage,
  WHATSAPP_CARD_PATH,
  WhatsAppCardResponse,
} from '@switchboard/contract';
import { useState } from 'react';
import { callService } from './lib/serviceClient.ts';
import { useServiceData } from './lib/useServiceData.ts';
import { ConsentPanel } from './whatsapp/ConsentPanel.tsx';
import { FreeTextSender } from './whatsapp/FreeTextSender.tsx';
import { MessageHistory } from './whatsapp/MessageHistory.tsx';
import { mergeMessages } from './whatsapp/messages.ts';
import { scopeFrom } from './whatsapp/scope.ts';
import { TemplateSender } from './whatsapp/TemplateSender.tsx';
import { LoadFailed } from './lib/LoadFailed.tsx';

/** WhatsApp on the contact record: consent, the conversation with statuses, and template / free-text sending. */
export function WhatsAppCard({ context }: { context: CrmContext }) {
  const scope = scopeFrom(context);
  const { state, reload } = useServiceData(
    () =>
      callService({
        path: WHATSAPP_CARD_PATH,
        query: { portalId: scope.portalId, contactId: scope.contactId },
        schema: WhatsAppCardResponse,
      }),
    `${scope.portalId}/${scope.contactId}`,
  );
  // What changed since the load, kept locally so a send or a consent change shows at once without a reload.
  const [sent, setSent] = useState<ConversationMessage[]>([]);
  const [consent, setConsent] = useState<ConsentState | null>(null);
  const [consentRevision, setConsentRevision] = useState(0);

  const refresh = () => {
    setSent([]);
    setConsent(null);
    reload();
  };
  const onSent = (message: ConversationMessage) => setSent((prev) => [...prev, message]);
  const onConsentRecorded = (next: ConsentState) => {
    setConsent(next);
    setConsentRevision((n) => n + 1); // template refusals depend on consent: ask for the preview again
  };

  if (state.status === 'loading') return <LoadingSpinner label="Loading the WhatsApp conversation" />;
  if (state.status === 'error') {
    return <LoadFailed title="Could not load WhatsApp for this contact" message={state.message} onRetry={refresh} />;
  }

  const view = state.data;
  const messages = mergeMessages(view.messages, sent);
  if (view.phone === null) {
    return (
      <Flex direction="column" gap="md">
        <EmptyState
          testId="no-phone"
          title="No WhatsApp number for this contact"
          imageName="contacts"
          layout="vertical"
        >
          <Text>
            Add the contact's mobile or phone number with its country code (for example +44 7700 900123), then check
            again.
          </Text>
          <Button testId="check-again" onClick={refresh}>
            Check again
          </Button>
        </EmptyState>
        {messages.length > 0 && <MessageHistory messages={messages} scope={scope} />}
      </Flex>
    );
  }

  return (
    <Flex direction="column" gap="md">
      <Text testId="phone" format={{ fontWeight: 'demibold' }}>{`WhatsApp ${view.phone}`}</Text>
      <ConsentPanel scope={scope} consent={consent ?? view.consent} onRecorded={onConsentRecorded} />
      <Divider />
      <MessageHistory messages={messages} scope={scope} />
      <Divider />
      <TemplateSender scope={scope} templates={view.templates} revision={consentRevision} onSent={onSent} />
      <Divider />
      <FreeTextSender
        scope={scope}
        windowOpenUntil={view.windowOpenUntil}
        refusals={view.freeTextRefusals}
        onSent={onSent}
      />
    </Flex>
  );
}

hubspot.extend<'crm.record.tab'>(({ context }) => <WhatsAppCard context={context} />);

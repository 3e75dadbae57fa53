import { Alert, Button, Flex, Heading, Text, TextArea } from '@hubspot/ui-extensions';
import type { ConversationMessage, Refusal } from '@switchboard/contract';
import { useState } from 'react';
import { RefusalList } from './RefusalList.tsx';
import { newRequestId } from '../lib/requestId.ts';
import { type CardScope, formatTime } from './scope.ts';
import { useSend } from './useSend.ts';

/** WhatsApp's limit for a text message body; the contract enforces the same. */
const MAX_TEXT = 4096;

interface Props {
  scope: CardScope;
  windowOpenUntil: string | null;
  refusals: readonly Refusal[];
  onSent: (message: ConversationMessage) => void;
}

function windowLine(windowOpenUntil: string | null, closed: boolean, scope: CardScope): string {
  if (windowOpenUntil === null) {
    return 'The contact has not written to you yet. Free text opens for 24 hours after their last message.';
  }
  const at = formatTime(windowOpenUntil, scope);
  return closed
    ? `The 24-hour window closed on ${at}. Send a template instead; free text reopens when the contact replies.`
    : `The 24-hour window is open until ${at}.`;
}

/** Free text, allowed only inside the customer-service window: the box while open, the reasons while not. */
export function FreeTextSender({ scope, windowOpenUntil, refusals, onSent }: Props) {
  const [text, setText] = useState('');
  const { sending, error, send } = useSend(onSent);
  // The service judged the window when the card loaded; re-check on each render, since it may have run out since.
  const closed = windowOpenUntil === null || Date.parse(windowOpenUntil) <= Date.now();
  const open = !closed && refusals.length === 0;

  const onSend = async () => {
    const sentOk = await send({
      kind: 'text',
      portalId: scope.portalId,
      contactId: scope.contactId,
      text: text.trim(),
      requestId: newRequestId(),
    });
    if (sentOk) setText('');
  };

  return (
    <Flex direction="column" gap="sm">
      <Heading>Free text</Heading>
      <Text testId="window-state">{windowLine(windowOpenUntil, closed, scope)}</Text>
      {refusals.length > 0 && (
        <RefusalList testId="free-text-refusals" title="Free text is not possible now" refusals={refusals} />
      )}
      {open && (
        <>
          <TextArea
            testId="free-text"
            name="freeText"
            label="Message"
            rows={3}
            maxLength={MAX_TEXT}
            value={text}
            // onInput, not only onChange (fired on blur): the Send button must be enabled before the click lands.
            onInput={setText}
            onChange={setText}
          />
          <Button testId="send-text" variant="primary" disabled={sending || text.trim() === ''} onClick={onSend}>
            {sending ? 'Sending…' : 'Send message'}
          </Button>
        </>
      )}
      {error !== null && (
        <Alert testId="send-text-error" variant="error" title="Message not sent">
          {error}
        </Alert>
      )}
    </Flex>
  );
}

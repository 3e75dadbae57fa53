import { Button, Flex, Heading, StatusTag, Text, Tile } from '@hubspot/ui-extensions';
import type { ConversationMessage, MessageStatus } from '@switchboard/contract';
import { useState } from 'react';
import { type CardScope, formatTime } from './scope.ts';

/** A tab can hold a long thread; the latest ones are what a rep needs before replying. */
const RECENT = 20;

const STATUS: Record<MessageStatus, { label: string; variant: 'default' | 'info' | 'success' | 'danger' }> = {
  queued: { label: 'Queued', variant: 'default' },
  sent: { label: 'Sent', variant: 'info' },
  delivered: { label: 'Delivered', variant: 'success' },
  read: { label: 'Read', variant: 'success' },
  failed: { label: 'Failed', variant: 'danger' },
};

/** The conversation, oldest first and newest last, each message with its time, status and why it failed. */
export function MessageHistory({ messages, scope }: { messages: readonly ConversationMessage[]; scope: CardScope }) {
  const [showAll, setShowAll] = useState(false);
  if (messages.length === 0) {
    return (
      <Text testId="history-empty">
        No WhatsApp messages with this contact yet. Send a template below to start the conversation.
      </Text>
    );
  }
  const hidden = showAll ? 0 : Math.max(0, messages.length - RECENT);
  return (
    <Flex direction="column" gap="sm">
      <Heading>Conversation</Heading>
      {hidden > 0 && (
        <Button testId="show-earlier" variant="transparent" onClick={() => setShowAll(true)}>
          {`Show ${hidden} earlier message${hidden === 1 ? '' : 's'}`}
        </Button>
      )}
      {messages.slice(hidden).map((m) => (
        <MessageRow key={m.id} message={m} scope={scope} />
      ))}
    </Flex>
  );
}

function MessageRow({ message: m, scope }: { message: ConversationMessage; scope: CardScope }) {
  const status = m.status ? STATUS[m.status] : null;
  return (
    <Tile compact testId={`message-${m.id}`}>
      <Flex direction="column" gap="xs">
        <Flex direction="row" gap="sm" align="center" wrap>
          <Text inline format={{ fontWeight: 'demibold' }} testId={`message-direction-${m.id}`}>
            {m.direction === 'outbound' ? 'Sent to the contact' : 'From the contact'}
          </Text>
          <Text inline variant="microcopy" testId={`message-time-${m.id}`}>
            {formatTime(m.at, scope)}
          </Text>
          {status && (
            <StatusTag testId={`message-status-${m.id}`} variant={status.variant}>
              {status.label}
            </StatusTag>
          )}
        </Flex>
        {m.templateName !== null && <Text variant="microcopy">{`Template: ${m.templateName}`}</Text>}
        <Text testId={`message-text-${m.id}`}>{m.text}</Text>
        {m.status === 'failed' && (
          <Text testId={`message-failure-${m.id}`} format={{ italic: true }}>
            {`Not delivered: ${m.failureReason ?? 'WhatsApp gave no reason.'}`}
          </Text>
        )}
      </Flex>
    </Tile>
  );
}

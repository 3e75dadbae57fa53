import { Accordion, Flex, Tag, Text } from '@hubspot/ui-extensions';
import { CrmActionLink } from '@hubspot/ui-extensions/crm';
import type { ParticipantMatchView } from '@switchboard/contract';
import { outcomeOf, ruleLabel } from './labels.ts';

/** HubSpot's object type id for contacts: the preview action names objects by it. */
const CONTACT_TYPE_ID = '0-1';

function nameOf(p: ParticipantMatchView): string {
  if (p.name !== null && p.email !== null) return `${p.name} (${p.email})`;
  return p.name ?? p.email ?? 'Unnamed participant';
}

function Participant({ p, testId }: { p: ParticipantMatchView; testId: string }) {
  const outcome = outcomeOf(p.outcome);
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="sm" align="center" wrap>
        {p.contactId === null ? (
          <Text inline testId={`${testId}-name`}>
            {nameOf(p)}
          </Text>
        ) : (
          // Opens the contact in the preview panel, so the rep stays on this record.
          <CrmActionLink
            testId={`${testId}-name`}
            actionType="PREVIEW_OBJECT"
            actionContext={{ objectTypeId: CONTACT_TYPE_ID, objectId: Number(p.contactId) }}
          >
            {nameOf(p)}
          </CrmActionLink>
        )}
        <Tag inline testId={`${testId}-outcome`} variant={outcome.variant}>
          {outcome.label}
        </Tag>
      </Flex>
      <Text variant="microcopy" testId={`${testId}-why`}>{`Rule: ${ruleLabel(p.rule)}. ${p.reason}`}</Text>
    </Flex>
  );
}

/**
 * Who took part and why each was linked to a contact (the matching rule and its reason), so a rep can see why a
 * conversation shows up on this record — or why someone is missing. Folded: it answers a question, it is not news.
 */
export function Participants({
  sessionId,
  participants,
}: {
  sessionId: string;
  participants: readonly ParticipantMatchView[];
}) {
  if (participants.length === 0) {
    return (
      <Text variant="microcopy" testId={`participants-none-${sessionId}`}>
        Participants are matched to contacts when the session syncs.
      </Text>
    );
  }
  return (
    <Accordion
      testId={`participants-${sessionId}`}
      title={`Participants (${participants.length}) and why they matched`}
      size="xs"
    >
      <Flex direction="column" gap="sm">
        {participants.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed for the session's life; two participants may lack name and email
          <Participant key={i} p={p} testId={`participant-${sessionId}-${i}`} />
        ))}
      </Flex>
    </Accordion>
  );
}

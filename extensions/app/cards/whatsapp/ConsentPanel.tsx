import { Accordion, DescriptionList, DescriptionListItem, Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { ConsentState } from '@switchboard/contract';
import { ConsentForm } from './ConsentForm.tsx';
import { type CardScope, formatTime } from './scope.ts';

type Decision = ConsentState['marketing'];

const DECISION: Record<Decision, { label: string; variant: 'success' | 'danger' | 'default' }> = {
  granted: { label: 'Granted', variant: 'success' },
  denied: { label: 'Denied', variant: 'danger' },
  unknown: { label: 'Not recorded', variant: 'default' },
};

interface Props {
  scope: CardScope;
  consent: ConsentState;
  onRecorded: (consent: ConsentState) => void;
}

/** What the contact agreed to (marketing and utility templates need separate consent) and whether they opted out. */
export function ConsentPanel({ scope, consent, onRecorded }: Props) {
  const decision = (category: 'marketing' | 'utility') => {
    const d = DECISION[consent[category]];
    return (
      <StatusTag testId={`consent-${category}`} variant={d.variant}>
        {d.label}
      </StatusTag>
    );
  };
  return (
    <Flex direction="column" gap="sm">
      <DescriptionList direction="row">
        <DescriptionListItem label="Marketing consent">{decision('marketing')}</DescriptionListItem>
        <DescriptionListItem label="Utility consent">{decision('utility')}</DescriptionListItem>
        <DescriptionListItem label="Opt-out">
          <StatusTag testId="consent-opted-out" variant={consent.optedOut ? 'danger' : 'default'}>
            {consent.optedOut ? 'Opted out' : 'Not opted out'}
          </StatusTag>
        </DescriptionListItem>
      </DescriptionList>
      {consent.optedOut && (
        <Text testId="opted-out-note">
          The contact opted out of WhatsApp messages (for example by replying STOP). Nothing is sent to them until they
          opt in again.
        </Text>
      )}
      {consent.updatedAt !== null && (
        <Text variant="microcopy">{`Consent last changed on ${formatTime(consent.updatedAt, scope)}`}</Text>
      )}
      <Accordion title="Record consent" size="sm">
        <ConsentForm scope={scope} onRecorded={onRecorded} />
      </Accordion>
    </Flex>
  );
}

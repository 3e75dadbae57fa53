import { Alert, Button, Flex, Input, Select, Text } from '@hubspot/ui-extensions';
import { ConsentRequest, ConsentResponse, type ConsentState, WHATSAPP_CONSENT_PATH } from '@switchboard/contract';
import { useState } from 'react';
import { callService } from '../lib/serviceClient.ts';
import type { CardScope } from './scope.ts';

type Category = ConsentRequest['category'];
type Outcome = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

/** zod's default wording ("Too small: expected string…") is for developers; a rep gets what to do instead. */
const HINT: Partial<Record<string, string>> = {
  source: 'Say how the contact gave or refused consent (3 to 200 characters).',
};

/** Which fields the contract's own schema rejects, so the card refuses exactly what the service would. */
function fieldErrors(request: unknown): Partial<Record<string, string>> {
  const parsed = ConsentRequest.safeParse(request);
  if (parsed.success) return {};
  const errors: Partial<Record<string, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]);
    errors[field] ??= HINT[field] ?? issue.message;
  }
  return errors;
}

/** Records a consent decision with where it came from (kept for the audit trail) through the consent endpoint. */
export function ConsentForm({ scope, onRecorded }: { scope: CardScope; onRecorded: (c: ConsentState) => void }) {
  const [category, setCategory] = useState<Category>('marketing');
  const [granted, setGranted] = useState(true);
  const [source, setSource] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const request = { portalId: scope.portalId, contactId: scope.contactId, category, granted, source: source.trim() };
  const errors = showErrors ? fieldErrors(request) : {};

  const onRecord = async () => {
    if (outcome.kind === 'saving') return;
    if (Object.keys(fieldErrors(request)).length > 0) {
      setShowErrors(true);
      return;
    }
    setOutcome({ kind: 'saving' });
    try {
      const { consent } = await callService({
        path: WHATSAPP_CONSENT_PATH,
        method: 'POST',
        body: request,
        schema: ConsentResponse,
      });
      setOutcome({ kind: 'saved' });
      setSource('');
      setShowErrors(false);
      onRecorded(consent);
    } catch (err) {
      setOutcome({ kind: 'failed', message: (err as Error).message });
    }
  };

  return (
    <Flex direction="column" gap="sm">
      <Select
        testId="consent-category"
        name="consentCategory"
        label="Category"
        value={category}
        options={[
          { label: 'Marketing (offers, newsletters)', value: 'marketing' },
          { label: 'Utility (orders, reminders, account updates)', value: 'utility' },
        ]}
        onChange={(value) => setCategory(value === 'utility' ? 'utility' : 'marketing')}
      />
      <Select
        testId="consent-decision"
        name="consentDecision"
        label="Decision"
        value={granted ? 'granted' : 'denied'}
        options={[
          { label: 'Granted', value: 'granted' },
          { label: 'Denied', value: 'denied' },
        ]}
        onChange={(value) => setGranted(value === 'granted')}
      />
      <Input
        testId="consent-source"
        name="consentSource"
        label="Source"
        placeholder="e.g. verbal, call on 20 Nov 2026"
        description="How the contact gave or refused consent; kept for the audit trail."
        value={source}
        onInput={setSource}
        onChange={setSource}
        error={errors.source !== undefined}
        validationMessage={errors.source}
      />
      <Button testId="record-consent" disabled={outcome.kind === 'saving'} onClick={onRecord}>
        {outcome.kind === 'saving' ? 'Recording…' : 'Record consent'}
      </Button>
      {outcome.kind === 'saved' && <Text testId="consent-saved">Consent recorded.</Text>}
      {outcome.kind === 'failed' && (
        <Alert testId="consent-error" variant="error" title="Consent not recorded">
          {outcome.message}
        </Alert>
      )}
    </Flex>
  );
}

import { Alert, Button, Flex, Heading, Select, Text } from '@hubspot/ui-extensions';
import type { ConversationMessage, TemplateOption } from '@switchboard/contract';
import { useState } from 'react';
import { newRequestId } from '../lib/requestId.ts';
import type { CardScope } from './scope.ts';
import { TemplatePreview } from './TemplatePreview.tsx';
import { templateKey, usePreview } from './usePreview.ts';
import { useSend } from './useSend.ts';

const CATEGORY: Record<TemplateOption['category'], string> = {
  MARKETING: 'marketing',
  UTILITY: 'utility',
  AUTHENTICATION: 'authentication',
};

interface Props {
  scope: CardScope;
  templates: readonly TemplateOption[];
  /** Bumped when consent changed, so the preview's refusals are asked again. */
  revision: number;
  onSent: (message: ConversationMessage) => void;
}

/** Choose an approved template, see it filled for this contact, send it — or see why it cannot be sent. */
export function TemplateSender({ scope, templates, revision, onSent }: Props) {
  const [selectedKey, setSelectedKey] = useState('');
  const { preview, retry } = usePreview(scope, templates, selectedKey, revision);
  const { sending, error, send } = useSend(onSent);
  const template = templates.find((t) => templateKey(t) === selectedKey);

  if (templates.length === 0) {
    return (
      <Text testId="no-templates">
        No approved WhatsApp templates yet. An admin can sync them in the Switchboard app settings.
      </Text>
    );
  }

  const onSend = async () => {
    if (!template) return;
    const sentOk = await send({
      kind: 'template',
      portalId: scope.portalId,
      contactId: scope.contactId,
      templateName: template.name,
      language: template.language,
      requestId: newRequestId(),
    });
    // Each click is a new requestId, so a second click would send again: clear the choice once it went out.
    if (sentOk) setSelectedKey('');
  };

  const canSend = preview.status === 'ready' && preview.data.refusals.length === 0;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Send a template</Heading>
      <Select
        testId="template-select"
        name="template"
        label="Template"
        placeholder="Choose an approved template"
        value={selectedKey}
        options={templates.map((t) => ({ label: `${t.name} (${t.language})`, value: templateKey(t) }))}
        onChange={(value) => setSelectedKey(String(value))}
        description={template ? `A ${CATEGORY[template.category]} template` : undefined}
      />
      <TemplatePreview preview={preview} onRetry={retry} />
      {canSend && (
        <Button testId="send-template" variant="primary" disabled={sending} onClick={onSend}>
          {sending ? 'Sending…' : 'Send template'}
        </Button>
      )}
      {error !== null && (
        <Alert testId="send-template-error" variant="error" title="Template not sent">
          {error}
        </Alert>
      )}
    </Flex>
  );
}

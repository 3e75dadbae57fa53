/** Public surface of the WhatsApp Cloud API sandbox (see sandbox/README.md). */
export { createWhatsAppSandbox, type WhatsAppSandbox } from './server.ts';
export { WhatsAppSandboxState, type WhatsAppSandboxOptions, DEFAULT_OPTIONS, DEFAULT_APP_ID } from './state.ts';
export { addPhoneNumber, createMetaApp, createWaba, issueToken, revokeToken, setWebhook } from './accounts.ts';
export { addTemplate, setTemplateStatus, placeholders, type TemplateInput } from './templates.ts';
export { failNextSends, normalizeNumber, openWindow, queueScenario, setRecipient, windowOpen } from './recipients.ts';
export { sendInbound, type InboundInput, type InboundResult } from './inbound.ts';
export { subscribeWebhook, verifyWebhookEndpoint, type HandshakeResult } from './handshake.ts';
export { signWebhookBody, signWebhookBodySha1 } from './signature.ts';
export { validateSendBody } from './openapi/sendSchema.ts';
export { handleSend } from './sendMessage.ts';
export { planStatuses } from './statusPlan.ts';
export { seedDemoWhatsApp, DEMO, type DemoWhatsApp } from './seed.ts';
export type * from './types.ts';
export type { FlushReport, WebhookDelivery } from './webhookOutbox.ts';

/** "HubSpot as caller": everything the sandbox sends to a service the way HubSpot would. */
export { signV1, signV2, signV3, v3Uri, v3Headers } from './signatures.ts';
export { deliverWebhooks, type WebhookEvent, type DeliverOptions, type BatchReport } from './deliverWebhooks.ts';
export { cardFetch, type CardFetchOptions, type CardFetchResult, CARD_PAYLOAD_LIMIT } from './cardFetch.ts';
export {
  executeWorkflowAction,
  workflowActionBody,
  type WorkflowActionOptions,
  type WorkflowActionResult,
} from './executeWorkflowAction.ts';
